package dev.yoi.feature.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.DescriptorChecks;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.reliability.IndexMutations.LineSpec;
import dev.yoi.feature.reliability.IndexMutations.Mutation;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 6.2: indexes whose lines are valid, then broken at random. Whatever the bytes, reading
 * never throws; every physical line that is not blank is exactly one entry (a feature or one
 * diagnostic for that line); every line left intact still loads as written; the catalog reports one
 * diagnostic per broken line and lists every intact feature.
 *
 * <p>CI: 10,000 generated indexes (1 to 5 lines each, two in three of them mutated). Soak
 * ({@code -Dyoi.soak=true}): 200,000 more. The cases come from {@link SeededCases}: a fixed seed,
 * {@code -Dyoi.seed} to change it, and every failure prints the seed and case that replay it.
 */
class IndexMutationPropertyTest {
  private static final Set<DiagnosticCode> LINE_CODES =
      EnumSet.of(DiagnosticCode.INDEX_CORRUPT, DiagnosticCode.INDEX_FORMAT, DiagnosticCode.DIGEST_MISMATCH);

  private static final int CI = 10_000;
  private static final int SOAK = 200_000;

  /** A generated index: its lines, and whether the file ends with a newline. */
  record GeneratedIndex(List<LineSpec> lines, boolean finalNewline) {}

  /** 1 to 5 lines; each line mutated two times in three, by 1 to 3 mutations; one line in three ends in CRLF. */
  static Gen<GeneratedIndex> indexes() {
    Gen<List<Mutation>> mutations = Gen.frequency(
        Gen.weighted(1, Gen.constant(List.<Mutation>of())),
        Gen.weighted(2, IndexMutations.mutation().list(1, 3)));
    Gen<FeatureDescriptor> descriptor = IndexMutations.descriptor();
    Gen<Boolean> crlf = Gen.of(false, false, true);
    Gen<LineSpec> line = r -> new LineSpec(descriptor.next(r), mutations.next(r), crlf.next(r));
    Gen<List<LineSpec>> lines = line.list(1, 5);
    Gen<Boolean> finalNewline = Gen.of(true, false);
    return r -> new GeneratedIndex(lines.next(r), finalNewline.next(r));
  }

  /** What the generated indexes held, for docs/reliability.md. */
  private static final class Tally {
    int lines;
    int mutatedLines;
    int mutations;
    int broken;
  }

  @Test
  void everyBrokenLineIsOneDiagnosticAndEveryIntactLineLoads() {
    Tally tally = new Tally();
    int run = SeededCases.check(getClass().getSimpleName(), 0, CI, indexes(), index -> check(index, tally));
    Figures.report("index.mutation.indexes", run);
    Figures.report("index.mutation.lines", tally.lines);
    Figures.report("index.mutation.mutatedLines", tally.mutatedLines);
    Figures.report("index.mutation.mutations", tally.mutations);
    Figures.report("index.mutation.brokenLines", tally.broken);
  }

  /** The soak cases come after the CI ones: 200,000 more indexes. */
  @Test
  void soakEveryBrokenLineIsOneDiagnosticAndEveryIntactLineLoads() {
    Soak.only();
    Tally tally = new Tally();
    int run = SeededCases.check(getClass().getSimpleName(), CI, SOAK, indexes(), index -> check(index, tally));
    Figures.report("index.mutation.soak.indexes", run);
    Figures.report("index.mutation.soak.brokenLines", tally.broken);
  }

  private static void check(GeneratedIndex index, Tally tally) {
    for (LineSpec spec : index.lines()) {
      tally.lines++;
      tally.mutatedLines += spec.mutations().isEmpty() ? 0 : 1;
      tally.mutations += spec.mutations().size();
    }
    tally.broken += check(index);
  }

  /** Checks one index; returns its number of broken lines. */
  private static int check(GeneratedIndex index) {
    List<byte[]> originals = new ArrayList<>();
    List<byte[]> lines = IndexMutations.build(index.lines(), originals);
    byte[] file = join(index, lines);
    List<byte[]> physical = physicalLines(file);

    // The descriptor layer: one entry per non-blank physical line, in order.
    List<IndexEntry> entries = IndexFile.read(MemoryIndex.LOCATION, file);
    Map<Integer, IndexEntry> byLine = new HashMap<>();
    for (IndexEntry entry : entries) {
      assertTrue(byLine.put(entry.lineNumber(), entry) == null, "two entries for line " + entry.lineNumber());
    }
    int broken = 0;
    for (int n = 1; n <= physical.size(); n++) {
      byte[] bytes = physical.get(n - 1);
      IndexEntry entry = byLine.remove(n);
      if (blank(bytes)) {
        assertEquals(null, entry, "a blank line is no entry: line " + n);
        continue;
      }
      assertTrue(entry != null, "line " + n + " gave no entry: " + show(bytes));
      int original = indexOf(originals, bytes);
      if (original >= 0) {
        assertTrue(entry instanceof IndexEntry.Valid, "intact line " + n + " did not load: " + entry);
        assertEquals(new String(originals.get(original), StandardCharsets.UTF_8),
            IndexFile.writeLine(((IndexEntry.Valid) entry).line()), "intact line " + n + " changed");
      }
      if (entry instanceof IndexEntry.Broken b) {
        broken++;
        assertTrue(LINE_CODES.contains(b.code()), "code " + b.code());
        assertTrue(b.message().startsWith(b.code().tag()), b.message());
        assertTrue(b.message().contains("index line " + n + " of " + MemoryIndex.LOCATION), b.message());
      } else {
        IndexEntry.Valid v = (IndexEntry.Valid) entry;
        assertEquals(Digests.of(v.line().descriptor()), v.line().digest(), "a loaded line's digest is its descriptor's");
        assertEquals(List.of(), DescriptorChecks.check(v.line().descriptor()));
      }
    }
    assertEquals(Map.of(), byLine, "entries for lines that do not exist");

    // The catalog over the same bytes, through a class loader: the same lines, one diagnostic each.
    FeatureCatalog catalog = FeatureCatalog.read(new FeatureLoader(new MemoryIndex(file), FeatureSource.PROJECT));
    List<Diagnostic> lineDiagnostics = catalog.diagnostics().stream()
        .filter(d -> !d.code().equals(DiagnosticCode.DUPLICATE_FEATURE.code())).toList();
    assertEquals(broken, lineDiagnostics.size(), () -> "diagnostics: " + catalog.diagnostics());
    for (IndexEntry entry : entries) {
      if (entry instanceof IndexEntry.Valid v) {
        String id = FeatureSource.PROJECT.qualify(v.line().slug());
        assertTrue(catalog.entries(id).stream().map(CatalogEntry::lineNumber).anyMatch(l -> l == v.lineNumber()),
            "the catalog lost " + id + " (line " + v.lineNumber() + ")");
      }
    }
    assertEquals(entries.size() - broken, catalog.entries().size());
    return broken;
  }

  private static byte[] join(GeneratedIndex index, List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      out.writeBytes(lines.get(i));
      if (i < lines.size() - 1 || index.finalNewline()) {
        out.writeBytes(index.lines().get(i).crlf() ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      }
    }
    return out.toByteArray();
  }

  /** The file split at '\n', each without a trailing '\r', as the reader numbers them. */
  private static List<byte[]> physicalLines(byte[] file) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= file.length; i++) {
      if (i == file.length || file[i] == '\n') {
        int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
        out.add(Arrays.copyOfRange(file, start, end));
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean blank(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString().isBlank();
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int indexOf(List<byte[]> originals, byte[] bytes) {
    for (int i = 0; i < originals.size(); i++) {
      if (Arrays.equals(originals.get(i), bytes)) {
        return i;
      }
    }
    return -1;
  }

  private static String show(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.length() > 300 ? text.substring(0, 300) + "...(" + bytes.length + " bytes)" : text;
  }
}
