package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Index lines are parsed by {@link TreeReader} over a parser, no longer by a mapper's
 * {@code readTree}: the same tree, node type for node type, so the same canonical text and digest;
 * the same texts refused.
 */
class TreeReaderTest {
  /** {@code readTree} as the canonical mapper was configured to parse. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final List<String> TEXTS = List.of(
      "{}", "[]", "null", "true", "0", "-0", "7", "-2147483648", "2147483648", "-9223372036854775809",
      "123456789012345678901234567890", "1.5", "-0.0", "1e10", "1E-300", "1e400", "0.1", "12345678901234567890.5",
      "\"\"", "\"a\\u0000\\n\\\"\\\\ \\u00fc \\ud834\\udd1e\"",
      "{\"b\":{\"z\":1,\"a\":[{\"y\":2,\"x\":{\"d\":4,\"c\":3}}]},\"a\":true,\"n\":null}",
      " \n\t{ \"spaced\" : [ 1 , 2.0 , \"x\" ] }\r\n",
      "[[[[[[[[[[[]]]]]]]]]]]");

  @Test
  void everyTextParsesToTheTreeReadTreeGives() throws Exception {
    for (String text : TEXTS) {
      JsonNode expected = MAPPER.readTree(text);
      JsonNode actual = CanonicalJson.parse(text);
      assertEquals(expected, actual, text);
      assertEquals(types(expected), types(actual), text);
      assertEquals(CanonicalJson.write(expected), CanonicalJson.write(actual), text);
    }
    String line = IndexFile.writeLine(Samples.line(CanonicalJsonTest.everyComponentSet()));
    assertEquals(MAPPER.readTree(line), CanonicalJson.parse(line));
    assertEquals(types(MAPPER.readTree(line)), types(CanonicalJson.parse(line)));
  }

  @Test
  void whatReadTreeRefusesIsRefused() {
    for (String text : List.of("{\"a\":1,\"a\":2}", "{} {}", "[1] x", "{", "[1,]", "{\"a\"}", "nul", "01", "'a'",
        "{\"a\":{\"b\":1,\"b\":2}}")) {
      assertThrows(Exception.class, () -> MAPPER.readTree(text), text);
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse(text), text);
      assertTrue(refused.getMessage().startsWith("not valid JSON: "), refused.getMessage());
    }
  }

  @Test
  void emptyTextIsAMissingNodeAsWithReadTree() throws Exception {
    assertEquals(MAPPER.readTree(""), CanonicalJson.parse(""));
    assertTrue(CanonicalJson.parse("  ").isMissingNode());
  }

  /** The node classes of a tree, in document order: equal trees of other node types would hash alike. */
  private static String types(JsonNode node) {
    StringBuilder out = new StringBuilder(node.getClass().getSimpleName());
    if (node.isContainerNode()) {
      out.append('(');
      node.elements().forEachRemaining(child -> out.append(types(child)).append(','));
      out.append(')');
    }
    return out.toString();
  }
}
