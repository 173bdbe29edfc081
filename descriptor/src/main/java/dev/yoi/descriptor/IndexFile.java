package dev.yoi.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code META-INF/yoi/features.jsonl}. Line-oriented so that fat-jar builds can
 * concatenate indexes; reading never throws for a bad line, it reports that line and goes on.
 */
public final class IndexFile {
  private IndexFile() {}

  /** The text of an index holding {@code lines}, one JSON object per line, each ending in '\n'. */
  public static String write(List<IndexLine> lines) {
    StringBuilder out = new StringBuilder();
    for (IndexLine line : lines) {
      out.append(writeLine(line)).append('\n');
    }
    return out.toString();
  }

  /** One line, fields in the documented order, the descriptor canonical. */
  public static String writeLine(IndexLine line) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("format", line.format());
    node.put("slug", line.slug());
    node.put("module", line.module());
    node.put("descriptorClass", line.descriptorClass());
    node.put("digest", line.digest());
    node.set("descriptor", CanonicalJson.toTree(line.descriptor()));
    return CanonicalJson.writeAsBuilt(node);
  }

  /** Reads every line of one index; blank lines are skipped. Closes nothing. */
  public static List<IndexEntry> read(String location, InputStream in) throws IOException {
    return read(location, in.readAllBytes());
  }

  public static List<IndexEntry> read(String location, byte[] bytes) {
    return read(location, bytes, new VersionChecks());
  }

  /** Reads one index, sharing {@code versions} with the other indexes of the same read. */
  public static List<IndexEntry> read(String location, byte[] bytes, VersionChecks versions) {
    List<IndexEntry> entries = new ArrayList<>();
    int start = 0;
    int lineNumber = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        lineNumber++;
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        if (end > start) {
          parseLine(location, lineNumber, bytes, start, end, versions).ifPresent(entries::add);
        }
        start = i + 1;
      }
    }
    return entries;
  }

  /** Parses one line; empty for a blank line. */
  public static Optional<IndexEntry> parseLine(String location, int lineNumber, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return parseLine(location, lineNumber, bytes, 0, bytes.length, new VersionChecks());
  }

  private static Optional<IndexEntry> parseLine(
      String location, int lineNumber, byte[] bytes, int from, int to, VersionChecks versions) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      return Optional.of(corrupt(location, lineNumber, "", "the line is not valid UTF-8"));
    }
    if (text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(parseText(location, lineNumber, text, versions));
  }

  private static IndexEntry parseText(
      String location, int lineNumber, String text, VersionChecks versions) {
    JsonNode node;
    try {
      node = CanonicalJson.readStrictly(text);
    } catch (JsonProcessingException | RuntimeException e) {
      return corrupt(location, lineNumber, "", "the line is not JSON (" + firstLine(e) + ")");
    }
    if (node == null || !node.isObject()) {
      return corrupt(location, lineNumber, "", "the line is not a JSON object");
    }
    String written = node.path("slug").isTextual() ? node.get("slug").asText() : "";
    // A line names a feature only by a slug: anything else is shown escaped, never as an id.
    String slug = Names.SLUG.matcher(written).matches() ? written : "";
    JsonNode format = node.get("format");
    if (format == null || !format.isInt()) {
      return corrupt(location, lineNumber, slug, "\"format\" is missing or not an integer");
    }
    if (format.intValue() != IndexLine.FORMAT) {
      return new IndexEntry.Broken(location, lineNumber, slug,
          DiagnosticCode.INDEX_FORMAT.problem("index line " + lineNumber + " of " + location
              + " has format " + format.intValue() + "; this runtime reads format "
              + IndexLine.FORMAT + ". Rebuild the plugin with a matching Yoi version."));
    }
    for (String field : List.of("slug", "module", "descriptorClass", "digest")) {
      if (!node.path(field).isTextual()) {
        return corrupt(location, lineNumber, slug, "\"" + field + "\" is missing or not a string");
      }
      Optional<Problem> control = ControlCharacters.checkLine("\"" + field + "\"", node.get(field).asText());
      if (control.isPresent()) {
        return corrupt(location, lineNumber, slug, control.get().detail());
      }
    }
    JsonNode descriptorTree = node.get("descriptor");
    if (descriptorTree == null || !descriptorTree.isObject()) {
      return corrupt(location, lineNumber, slug, "\"descriptor\" is missing or not an object");
    }
    FeatureDescriptor descriptor;
    try {
      descriptor = CanonicalJson.toDescriptor(descriptorTree);
    } catch (RuntimeException e) {
      return corrupt(location, lineNumber, slug, "the descriptor is malformed (" + firstLine(e) + ")");
    }
    List<String> problems = DescriptorChecks.check(descriptor, versions);
    if (!problems.isEmpty()) {
      return corrupt(location, lineNumber, slug, "the descriptor is invalid: " + String.join("; ", problems));
    }
    if (!descriptor.slug().equals(written)) {
      return corrupt(location, lineNumber, slug, "\"slug\" is " + ControlCharacters.quote(written)
          + " but the descriptor's slug is " + ControlCharacters.quote(descriptor.slug()));
    }
    String declared = node.get("digest").asText();
    String recomputed = Digests.of(descriptor);
    if (!recomputed.equals(declared)) {
      return new IndexEntry.Broken(location, lineNumber, slug,
          DiagnosticCode.DIGEST_MISMATCH.problem("feature " + slug + " (index line " + lineNumber
              + " of " + location + "): the line says digest " + ControlCharacters.shown(declared)
              + " but its descriptor hashes to " + recomputed
              + ". The index was edited after the build; rebuild the plugin instead of editing"
              + " META-INF/yoi/features.jsonl."));
    }
    IndexLine line = new IndexLine(format.intValue(), slug, node.get("module").asText(),
        node.get("descriptorClass").asText(), declared, descriptor);
    return new IndexEntry.Valid(location, lineNumber, line);
  }

  private static IndexEntry.Broken corrupt(String location, int lineNumber, String slug, String why) {
    return new IndexEntry.Broken(location, lineNumber, slug,
        DiagnosticCode.INDEX_CORRUPT.problem("index line " + lineNumber + " of " + location
            + (slug.isEmpty() ? "" : " (feature " + slug + ")") + ": " + why
            + ". The line is skipped; every other line still loads."
            + " Rebuild the module that produced it."));
  }

  private static String firstLine(Exception e) {
    String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    // A parser's message may quote the line: its text is the index's data, not layout.
    return ControlCharacters.escapeControls(first.length() > 200 ? first.substring(0, 200) + "..." : first);
  }

}
