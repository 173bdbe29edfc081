package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexFileTest {
  static final String WHERE = "jar:file:/p/weather.jar!/META-INF/yoi/features.jsonl";

  static List<IndexEntry> read(String text) {
    return IndexFile.read(WHERE, text.getBytes(StandardCharsets.UTF_8));
  }

  static IndexEntry.Broken broken(IndexEntry entry) {
    return assertInstanceOf(IndexEntry.Broken.class, entry);
  }

  @Test
  void aWrittenIndexReadsBackLineForLine() {
    IndexLine weather = Samples.line(Samples.weather());
    IndexLine other = Samples.line(Samples.weather("another description"));

    List<IndexEntry> entries = read(IndexFile.write(List.of(weather, other)));

    assertEquals(List.of(new IndexEntry.Valid(WHERE, 1, weather), new IndexEntry.Valid(WHERE, 2, other)), entries);
  }

  @Test
  void aLineHasItsFieldsInTheDocumentedOrderAndNoNewlineInside() {
    String line = IndexFile.writeLine(Samples.line(Samples.weather()));

    assertTrue(line.startsWith("{\"format\":1,\"slug\":\"weather\",\"module\":\"weather-module\","
        + "\"descriptorClass\":\"acme.weather.WeatherFeature_FeatureDescriptor\",\"digest\":\"sha256:"), line);
    assertTrue(line.contains(",\"descriptor\":" + CanonicalJson.write(Samples.weather()) + "}"), line);
    assertEquals(-1, line.indexOf('\n'));
  }

  @Test
  void blankLinesAreSkippedButStillCounted() {
    String line = IndexFile.writeLine(Samples.line(Samples.weather()));

    List<IndexEntry> entries = read("\n   \n" + line + "\n\n");

    assertEquals(1, entries.size());
    assertEquals(3, entries.get(0).lineNumber());
  }

  @Test
  void crlfLineEndsReadLikeLf() {
    IndexLine weather = Samples.line(Samples.weather());

    List<IndexEntry> entries = read(IndexFile.writeLine(weather) + "\r\n" + IndexFile.writeLine(weather) + "\r\n");

    assertEquals(List.of(new IndexEntry.Valid(WHERE, 1, weather), new IndexEntry.Valid(WHERE, 2, weather)), entries);
  }

  @Test
  void aLastLineWithoutANewlineStillReads() {
    assertInstanceOf(IndexEntry.Valid.class, read(IndexFile.writeLine(Samples.line(Samples.weather()))).get(0));
  }

  @Test
  void invalidUtf8IsACorruptLineAndTheNextLineStillReads() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    bytes.write((IndexFile.writeLine(Samples.line(Samples.weather())) + "\n").getBytes(StandardCharsets.UTF_8));

    List<IndexEntry> entries = IndexFile.read(WHERE, bytes.toByteArray());

    IndexEntry.Broken first = broken(entries.get(0));
    assertEquals(DiagnosticCode.INDEX_CORRUPT, first.code());
    assertEquals("", first.slug());
    assertTrue(first.message().startsWith("[yoi/index-corrupt] index line 1 of " + WHERE + ": the line is not valid UTF-8"),
        first.message());
    assertInstanceOf(IndexEntry.Valid.class, entries.get(1));
  }

  @Test
  void aLineThatIsNotJsonIsCorrupt() {
    IndexEntry.Broken line = broken(read("{ not json\n").get(0));

    assertEquals(DiagnosticCode.INDEX_CORRUPT, line.code());
    assertTrue(line.message().contains("the line is not JSON"), line.message());
  }

  @Test
  void theParsersMessageQuotesTheLineEscapedAndBounded() {
    IndexEntry.Broken line = broken(read("tru\u001b\u202e" + "x".repeat(400) + "\n").get(0));

    String message = line.message();
    assertTrue(message.contains("tru\\u001B\\u202Exxx"), message);
    assertTrue(message.contains(" more characters)"), message);
    assertTrue(message.codePoints().noneMatch(ControlCharacters::escaped), message);
  }

  @Test
  void aLineOfAnotherFormatIsIndexFormatAndNamesItsSlug() {
    String line = IndexFile.writeLine(Samples.line(Samples.weather())).replace("{\"format\":1,", "{\"format\":2,");

    IndexEntry.Broken entry = broken(read(line).get(0));

    assertEquals(DiagnosticCode.INDEX_FORMAT, entry.code());
    assertEquals("weather", entry.slug());
    assertTrue(entry.message().startsWith("[yoi/index-format] index line 1 of " + WHERE + " has format 2;"), entry.message());
  }

  @Test
  void aMissingFormatIsCorrupt() {
    String line = IndexFile.writeLine(Samples.line(Samples.weather())).replace("\"format\":1,", "");

    assertEquals(DiagnosticCode.INDEX_CORRUPT, broken(read(line).get(0)).code());
  }

  @Test
  void aDescriptorEditedAfterTheBuildIsADigestMismatch() {
    String line = IndexFile.writeLine(Samples.line(Samples.weather())).replace("The forecast", "A forecast");

    IndexEntry.Broken entry = broken(read(line).get(0));

    assertEquals(DiagnosticCode.DIGEST_MISMATCH, entry.code());
    assertEquals("weather", entry.slug());
    assertTrue(entry.message().contains("but its descriptor hashes to "), entry.message());
  }

  @Test
  void aSlugThatDisagreesWithTheDescriptorIsCorrupt() {
    String line = IndexFile.writeLine(Samples.line(Samples.weather())).replaceFirst("\"slug\":\"weather\"", "\"slug\":\"climate\"");

    IndexEntry.Broken entry = broken(read(line).get(0));

    assertEquals(DiagnosticCode.INDEX_CORRUPT, entry.code());
    assertTrue(entry.message().contains("\"slug\" is \"climate\" but the descriptor's slug is \"weather\""), entry.message());
  }

  @Test
  void anInvalidDescriptorIsCorruptEvenWithAMatchingDigest() {
    FeatureDescriptor bad = new FeatureDescriptor("weather", "Weather", "v1.0.0", "", RuntimeKind.JVM_PLUGIN,
        "acme.weather.WeatherFeature", List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    IndexEntry.Broken entry = broken(read(IndexFile.writeLine(Samples.line(bad))).get(0));

    assertEquals(DiagnosticCode.INDEX_CORRUPT, entry.code());
    assertTrue(entry.message().contains("the descriptor is invalid"), entry.message());
  }

  @Test
  void aTamperedInputSchemaDeepInsideTheDescriptorIsADigestMismatch() {
    String line = IndexFile.writeLine(Samples.line(Samples.weather()))
        .replace("\"city\":{\"type\":\"string\"}", "\"city\":{\"type\":\"number\"}");

    IndexEntry.Broken entry = broken(read(line).get(0));

    assertEquals(DiagnosticCode.DIGEST_MISMATCH, entry.code());
  }

  @Test
  void aDescriptorWrittenWithOtherKeyOrderAndSpacingHashesAsItsCanonicalText() throws Exception {
    IndexLine weather = Samples.line(Samples.weather());
    String canonical = CanonicalJson.write(Samples.weather());
    ObjectMapper own = new ObjectMapper();
    String reordered = own.writerWithDefaultPrettyPrinter()
        .writeValueAsString(own.valueToTree(Samples.weather()));
    String line = IndexFile.writeLine(weather).replace(canonical, reordered.replace("\n", " "));

    IndexEntry.Valid entry = assertInstanceOf(IndexEntry.Valid.class, read(line).get(0));

    assertEquals(weather.digest(), entry.line().digest());
    assertEquals(weather, entry.line());
  }

  @Test
  void theSameBadVersionOnTwoLinesIsReportedOnEachNamingItsOwnFeature() {
    FeatureDescriptor a = new FeatureDescriptor("alpha", "A", "v1.0.0", "", RuntimeKind.JVM_PLUGIN,
        "acme.A", List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    FeatureDescriptor b = new FeatureDescriptor("beta", "B", "v1.0.0", "", RuntimeKind.JVM_PLUGIN,
        "acme.B", List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    List<IndexEntry> entries = read(IndexFile.write(List.of(Samples.line(a), Samples.line(b))));

    assertTrue(broken(entries.get(0)).message().contains("version of feature alpha \"v1.0.0\" is not a SemVer"),
        entries.get(0).toString());
    assertTrue(broken(entries.get(1)).message().contains("version of feature beta \"v1.0.0\" is not a SemVer"),
        entries.get(1).toString());
  }
}
