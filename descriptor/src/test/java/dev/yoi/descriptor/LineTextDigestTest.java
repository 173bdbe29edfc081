package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A line's digest is over the canonical text of its descriptor. When the line's own descriptor
 * text is that text already (as the build writes it), the reader hashes it as it stands instead of
 * writing it again; these tests pin that this shortcut never changes a verdict: for the build's
 * text and for every variant of it (spacing, escapes, key order, numbers in other forms, nulls and
 * missing fields the records default, non-ASCII text), a line is valid exactly when its digest is
 * the digest of the canonical text, and the shortcut is taken for the build's text only.
 */
class LineTextDigestTest {
  private static final String WHERE = "jar:file:/p/plugin.jar!/META-INF/yoi/features.jsonl";

  /** Valid descriptors with every kind of field, ASCII only, so that their text takes the shortcut. */
  private static List<FeatureDescriptor> descriptors() {
    JsonNode schema = CanonicalJson.parse("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
        + "\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"days\":{\"type\":\"integer\","
        + "\"minimum\":0,\"maximum\":10,\"default\":null,\"examples\":[-3,12345678901234567890]},"
        + "\"unit\":{\"enum\":[\"c\",\"f\"],\"description\":\"a/b \\u007f\"}},\"required\":[\"days\"]}");
    FeatureDescriptor weather = Samples.weather("The forecast, for any city");
    FeatureDescriptor numbers = new FeatureDescriptor("numbers", "Numbers", "1.0.0", "", RuntimeKind.BUILTIN,
        "acme.Numbers",
        List.of(new ToolDescriptor("Count", "Counts days", "acme.Numbers$Count", "acme.Numbers$In", schema,
            List.of(AuthorityKind.FILESYSTEM))),
        List.of(new HookDescriptor("audit", HookPoint.TURN_END, -7, "acme.Numbers$Audit")),
        List.of(new TaskDescriptor("tick", "Ticks", "", RestartPolicy.ALWAYS,
            "acme.Numbers$Tick")),
        List.of(), List.of(),
        List.of(new AuthorityRequest(AuthorityKind.FILESYSTEM, "", true, "reads files")));
    AuthorityRequest key = McpDescriptorTest.KEY;
    FeatureDescriptor stdio = McpDescriptorTest.bridge(McpDescriptorTest.stdio(List.of(
        EnvVariable.literal("MODE", "fast"), EnvVariable.fromSecret("API_KEY", "everything-key"))), List.of(key));
    FeatureDescriptor bare = McpDescriptorTest.bridge(new McpServer.Stdio("node", List.of(), "", List.of()),
        List.of());
    FeatureDescriptor http = McpDescriptorTest.bridge(new McpServer.StreamableHttp("http://127.0.0.1:3001/mcp"),
        List.of());
    List<FeatureDescriptor> all = List.of(weather, numbers, stdio, bare, http);
    for (FeatureDescriptor d : all) {
      assertEquals(List.of(), DescriptorChecks.check(d), d.slug());
    }
    return all;
  }

  @Test
  void theBuildsOwnTextIsHashedAsItStandsAndHasTheDigestOfItsRecords() {
    for (FeatureDescriptor d : descriptors()) {
      String canonical = CanonicalJson.write(d);
      JsonNode tree = CanonicalJson.parse(canonical);

      byte[] utf8 = canonical.getBytes(StandardCharsets.UTF_8);
      assertTrue(CanonicalJson.isCanonical(utf8, 0, utf8.length, tree), canonical);
      assertTrue(DescriptorTree.readNoting(tree).fieldsAsWritten(), canonical);
      IndexEntry.Valid entry = assertInstanceOf(IndexEntry.Valid.class, read(line(canonical, Digests.of(d))));
      assertEquals(IndexLine.of("m", "c", d), entry.line());
    }
  }

  @Test
  void everyOtherTextOfADescriptorIsValidOnlyWithTheDigestOfItsCanonicalText() {
    int variants = 0;
    for (FeatureDescriptor d : descriptors()) {
      String canonical = CanonicalJson.write(d);
      for (String text : variants(canonical)) {
        JsonNode tree = CanonicalJson.parse(text);
        DescriptorTree.Read records = DescriptorTree.readNoting(tree);
        String digestOfCanonical = Digests.of(records.descriptor());
        String digestOfText = Digests.ofCanonicalJson(text);
        boolean same = text.equals(CanonicalJson.write(records.descriptor()));

        IndexEntry.Valid valid = assertInstanceOf(IndexEntry.Valid.class, read(line(text, digestOfCanonical)), text);
        assertEquals(digestOfCanonical, valid.line().digest(), text);
        assertEquals(records.descriptor(), valid.line().descriptor(), text);
        IndexEntry withTextsOwnDigest = read(line(text, digestOfText));
        if (same) {
          assertInstanceOf(IndexEntry.Valid.class, withTextsOwnDigest, text);
        } else {
          IndexEntry.Broken broken = assertInstanceOf(IndexEntry.Broken.class, withTextsOwnDigest, text);
          assertEquals(DiagnosticCode.DIGEST_MISMATCH, broken.code(), text);
          byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
          assertFalse(records.fieldsAsWritten() && CanonicalJson.isCanonical(utf8, 0, utf8.length, tree),
              "taken for " + text);
        }
        variants++;
      }
    }
    assertTrue(variants > 500, "variants: " + variants);
  }

  @Test
  void theShortcutFindsTheDescriptorInsideALineWrittenWithSpaces() {
    FeatureDescriptor d = descriptors().get(0);
    String canonical = CanonicalJson.write(d);
    String spaced = "{ \"format\" : 1 , \"slug\" : \"weather\" , \"module\" : \"m\" , \"descriptorClass\" : \"c\" ,"
        + " \"descriptor\" :  " + canonical + " , \"digest\" : \"" + Digests.of(d) + "\" }  ";

    IndexEntry.Valid entry = assertInstanceOf(IndexEntry.Valid.class, read(spaced));

    assertEquals(Digests.of(d), entry.line().digest());
  }

  /** The build's text, and texts of the same JSON value or of a value that reads to the same records. */
  private static Set<String> variants(String canonical) {
    Set<String> out = new LinkedHashSet<>();
    out.add(canonical);
    for (int i = 0; i < canonical.length(); i++) {
      char c = canonical.charAt(i);
      if (c == ',' || c == ':' || c == '{' || c == '[') {
        for (String space : List.of(" ", "\t\r")) {
          String spaced = canonical.substring(0, i + 1) + space + canonical.substring(i + 1);
          if (parses(spaced)) { // a tab inside a string is not JSON
            out.add(spaced);
          }
        }
      }
    }
    out.add(" " + canonical);
    out.add(canonical + "\r");
    for (String[] edit : new String[][] {
        {"a", "\\u0061"}, {"/", "\\/"}, {"e", "\\u0065"}, {"\"type\"", "\"t\\u0079pe\""},
        {"\"minimum\":0", "\"minimum\":-0"}, {"\"maximum\":10", "\"maximum\":10.0"},
        {"\"maximum\":10", "\"maximum\":1e1"}, {"\"maximum\":10", "\"maximum\":1E1"},
        {"\"maximum\":10", "\"maximum\":10e0"}, {"-3", "-3.0"},
        {"\"description\":\"\"", "\"description\":null"}, {"\"description\":\"\",", ""},
        {"\"every\":\"\"", "\"every\":null"}, {"\"every\":\"\",", ""},
        {"\"scope\":\"\"", "\"scope\":null"}, {",\"scope\":\"\"", ""},
        {"\"runtime\":\"builtin\",", "\"runtime\":\"builtin\",\"server\":null,"},
        {"\"runtime\":\"jvm_plugin\",", "\"runtime\":\"jvm_plugin\",\"server\":null,"},
        {"\"name\":\"MODE\",", "\"name\":\"MODE\",\"secret\":null,"},
        {"\"secret\":\"everything-key\"", "\"secret\":\"everything-key\",\"value\":null"},
        {"\"workingDirectory\":\"\"", "\"workingDirectory\":null"}, {",\"workingDirectory\":\"\"", ""},
        {"\"args\":[],", ""}, {"\"args\":[]", "\"args\":null"},
        {"\"environment\":[],", ""}, {"\"environment\":[]", "\"environment\":null"},
        {"Counts days", "Counts d\u00e4ys"}, {"Counts days", "Counts \u6570 days"},
        {"\"additionalProperties\":false,\"properties\"", "\"properties\""},
        {"\"description\":\"a/b \u007f\",\"enum\":[\"c\",\"f\"]", "\"enum\":[\"c\",\"f\"],\"description\":\"a/b \u007f\""},
        {"\"optional\":false,\"reason\":\"live data\"", "\"reason\":\"live data\",\"optional\":false"},
        {"\"maximum\":10", "\"maximum\":10.50"}, {"-3", "-3.10"},
        {"\"authorities\":[", "\"authorities\" : ["}}) {
      String edited = canonical.replace(edit[0], edit[1]);
      if (!edited.equals(canonical) && parses(edited)) {
        out.add(edited);
      }
      int first = canonical.indexOf(edit[0]);
      if (first >= 0) {
        String once = canonical.substring(0, first) + edit[1] + canonical.substring(first + edit[0].length());
        if (parses(once)) {
          out.add(once);
        }
      }
    }
    return out;
  }

  /** Whether {@code text} reads to a valid descriptor at all (an edit may drop a required field). */
  private static boolean parses(String text) {
    try {
      return DescriptorChecks.check(CanonicalJson.toDescriptor(CanonicalJson.parse(text))).isEmpty();
    } catch (IllegalArgumentException e) { // not JSON, or not a descriptor
      return false;
    }
  }

  private static String line(String descriptorText, String digest) {
    String slug = CanonicalJson.parse(descriptorText).get("slug").textValue();
    return "{\"format\":1,\"slug\":\"" + slug + "\",\"module\":\"m\",\"descriptorClass\":\"c\",\"digest\":\""
        + digest + "\",\"descriptor\":" + descriptorText + "}";
  }

  private static IndexEntry read(String line) {
    List<IndexEntry> entries = IndexFile.read(WHERE, line.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, entries.size(), line);
    return entries.get(0);
  }
}
