package dev.yoi.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
    return CanonicalJson.writeWith(out -> {
      out.writeStartObject();
      out.writeNumberField("format", line.format());
      out.writeStringField("slug", line.slug());
      out.writeStringField("module", line.module());
      out.writeStringField("descriptorClass", line.descriptorClass());
      out.writeStringField("digest", line.digest());
      out.writeFieldName("descriptor");
      CanonicalWriter.write(out, line.descriptor());
      out.writeEndObject();
    });
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
    read(location, bytes, versions, entries::add);
    return entries;
  }

  /**
   * {@link #read(String, byte[], VersionChecks)}, handing each entry to {@code each} as soon as its
   * line is parsed, in line order: a reader may act on the first lines (load their classes, say)
   * while the later ones are still being checked.
   */
  public static void read(String location, byte[] bytes, VersionChecks versions, Consumer<IndexEntry> each) {
    read(location, bytes, versions, Origin.BUILD, each);
  }

  /** Who writes an index, for what a broken line's message tells the person to do. */
  private enum Origin {
    BUILD("Rebuild the module that produced it.",
        "The index was edited after the build; rebuild the plugin instead of editing " + IndexLine.INDEX_PATH + "."),
    PIN("Pin the feature again with yoi mcp pin.",
        "The file was edited after it was pinned; pin it again with yoi mcp pin instead of editing it.");

    final String remedy;
    final String editedRemedy;

    Origin(String remedy, String editedRemedy) {
      this.remedy = remedy;
      this.editedRemedy = editedRemedy;
    }
  }

  private static void read(
      String location, byte[] bytes, VersionChecks versions, Origin origin, Consumer<IndexEntry> each) {
    Digests.Hasher hasher = new Digests.Hasher();
    int start = 0;
    int lineNumber = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        lineNumber++;
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        if (end > start) {
          IndexEntry entry = parseLine(location, lineNumber, bytes, start, end, versions, hasher, origin);
          if (entry != null) {
            each.accept(entry);
          }
        }
        start = i + 1;
      }
    }
  }

  /**
   * Reads a feature file ({@link IndexLine#FEATURE_FILE_SUFFIX}) that a person keeps beside the
   * plugin jars: lines as {@link #read(String, byte[], VersionChecks)} reads them, each of which must
   * also be a feature with no code, an {@code mcp_bridge} feature naming its server, with an empty
   * {@code descriptorClass}. A file is data anyone can write, so it cannot name a class for the
   * host to load, nor claim a JVM runtime; the host gives its features their source, as it does a
   * jar's, by the directory it reads the file from.
   */
  public static List<IndexEntry> readFeatureFile(String location, byte[] bytes, VersionChecks versions) {
    List<IndexEntry> entries = new ArrayList<>();
    read(location, bytes, versions, Origin.PIN,
        entry -> entries.add(entry instanceof IndexEntry.Valid valid ? declarative(valid) : entry));
    return entries;
  }

  private static IndexEntry declarative(IndexEntry.Valid valid) {
    IndexLine line = valid.line();
    FeatureDescriptor d = line.descriptor();
    String why = null;
    if (d.runtime() != RuntimeKind.MCP_BRIDGE || d.server() == null) {
      why = "a feature file holds mcp_bridge features that name their server, but this line's runtime"
          + " is " + d.runtime().wireName() + (d.runtime() == RuntimeKind.MCP_BRIDGE ? " with no server" : "")
          + " (a feature with code comes in its plugin jar, whose index the build writes)";
    } else if (!line.descriptorClass().isEmpty()) {
      why = "\"descriptorClass\" is \"" + line.descriptorClass() + "\", but a feature file names no"
          + " class for the host to load (write \"\")";
    }
    return why == null ? valid
        : corrupt(valid.location(), valid.lineNumber(), line.slug(), why, Origin.PIN);
  }

  /** Parses one line; empty for a blank line. */
  public static Optional<IndexEntry> parseLine(String location, int lineNumber, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Optional.ofNullable(parseLine(location, lineNumber, bytes, 0, bytes.length, new VersionChecks(),
        new Digests.Hasher(), Origin.BUILD));
  }

  /** One line, the bytes from {@code from} to {@code to}; null for a blank line. */
  private static IndexEntry parseLine(
      String location, int lineNumber, byte[] bytes, int from, int to, VersionChecks versions,
      Digests.Hasher hasher, Origin origin) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      return corrupt(location, lineNumber, "", "the line is not valid UTF-8", origin);
    }
    if (text.isBlank()) {
      return null;
    }
    // As many characters as bytes: ASCII, so a character's offset in the text is its byte's.
    byte[] ascii = text.length() == to - from ? bytes : null;
    return parseText(location, lineNumber, text, ascii, from, versions, hasher, origin);
  }

  /**
   * @param ascii the line's bytes when they are all ASCII (the text starting at {@code from}),
   *     else null
   */
  private static IndexEntry parseText(
      String location, int lineNumber, String text, byte[] ascii, int from, VersionChecks versions,
      Digests.Hasher hasher, Origin origin) {
    TreeReader.Read read;
    try {
      read = CanonicalJson.readStrictly(text, "descriptor");
    } catch (JsonProcessingException | RuntimeException e) {
      return corrupt(location, lineNumber, "", "the line is not JSON (" + firstLine(e) + ")", origin);
    }
    JsonNode node = read.node();
    if (node == null || !node.isObject()) {
      return corrupt(location, lineNumber, "", "the line is not a JSON object", origin);
    }
    String written = node.path("slug").isTextual() ? node.get("slug").asText() : "";
    // A line names a feature only by a slug: anything else is shown escaped, never as an id.
    String slug = Names.SLUG.matcher(written).matches() ? written : "";
    JsonNode format = node.get("format");
    if (format == null || !format.isInt()) {
      return corrupt(location, lineNumber, slug, "\"format\" is missing or not an integer", origin);
    }
    if (format.intValue() != IndexLine.FORMAT) {
      return new IndexEntry.Broken(location, lineNumber, slug,
          DiagnosticCode.INDEX_FORMAT.problem("index line " + lineNumber + " of " + location
              + " has format " + format.intValue() + "; this runtime reads format "
              + IndexLine.FORMAT + ". Rebuild the plugin with a matching Yoi version."));
    }
    for (String field : List.of("slug", "module", "descriptorClass", "digest")) {
      if (!node.path(field).isTextual()) {
        return corrupt(location, lineNumber, slug, "\"" + field + "\" is missing or not a string", origin);
      }
      Optional<Problem> control = ControlCharacters.checkLine("\"" + field + "\"", node.get(field).asText());
      if (control.isPresent()) {
        return corrupt(location, lineNumber, slug, control.get().detail(), origin);
      }
    }
    JsonNode descriptorTree = node.get("descriptor");
    if (descriptorTree == null || !descriptorTree.isObject()) {
      return corrupt(location, lineNumber, slug, "\"descriptor\" is missing or not an object", origin);
    }
    DescriptorTree.Read records;
    try {
      records = DescriptorTree.readNoting(descriptorTree);
    } catch (RuntimeException e) {
      return corrupt(location, lineNumber, slug, "the descriptor is malformed (" + firstLine(e) + ")", origin);
    }
    FeatureDescriptor descriptor = records.descriptor();
    List<String> problems = DescriptorChecks.check(descriptor, versions);
    if (!problems.isEmpty()) {
      return corrupt(location, lineNumber, slug, "the descriptor is invalid: " + String.join("; ", problems), origin);
    }
    if (!descriptor.slug().equals(written)) {
      return corrupt(location, lineNumber, slug, "\"slug\" is " + ControlCharacters.quote(written)
          + " but the descriptor's slug is " + ControlCharacters.quote(descriptor.slug()), origin);
    }
    String declared = node.get("digest").asText();
    // The digest is over the canonical text: the line's own text when it is that already (the
    // build writes it so), else the text written again from the records.
    String recomputed = ascii != null && records.fieldsAsWritten()
        && CanonicalJson.isCanonical(ascii, from + read.spanStart(), from + read.spanEnd(), descriptorTree)
        ? hasher.ofCanonicalText(ascii, from + read.spanStart(), read.spanEnd() - read.spanStart())
        : hasher.of(descriptor);
    if (!recomputed.equals(declared)) {
      return new IndexEntry.Broken(location, lineNumber, slug,
          DiagnosticCode.DIGEST_MISMATCH.problem("feature " + slug + " (index line " + lineNumber
              + " of " + location + "): the line says digest " + ControlCharacters.shown(declared)
              + " but its descriptor hashes to " + recomputed
              + ". " + origin.editedRemedy));
    }
    IndexLine line = new IndexLine(format.intValue(), slug, node.get("module").asText(),
        node.get("descriptorClass").asText(), declared, descriptor);
    return new IndexEntry.Valid(location, lineNumber, line);
  }

  private static IndexEntry.Broken corrupt(
      String location, int lineNumber, String slug, String why, Origin origin) {
    return new IndexEntry.Broken(location, lineNumber, slug,
        DiagnosticCode.INDEX_CORRUPT.problem("index line " + lineNumber + " of " + location
            + (slug.isEmpty() ? "" : " (feature " + slug + ")") + ": " + why
            + ". The line is skipped; every other line still loads. " + origin.remedy));
  }

  private static String firstLine(Exception e) {
    String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    // A parser's message may quote the line: its text is the index's data, not layout.
    return ControlCharacters.escape(first, 200);
  }

}
