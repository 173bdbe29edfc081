package dev.yoi.descriptor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One JSON value from a parser's tokens as a tree, the nodes Jackson's {@code readTree} makes with
 * its default configuration: an integer as the smallest of int, long and big integer that holds it,
 * any other number as a double, fields in their order. Reading a tree needs no mapper, and building
 * a mapper cost more than everything else an index read does.
 */
final class TreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeReader() {}

  /**
   * A value read, and where the value of one top-level field lies in the text when that value is an
   * object: from its opening brace to just after its closing one; -1 and -1 when there is none.
   */
  record Read(JsonNode node, int spanStart, int spanEnd) {}

  /** The value the parser starts at; a missing node when it holds no token at all. */
  static JsonNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    return token == null ? MissingNode.getInstance() : value(parser, token);
  }

  /**
   * {@link #read(JsonParser)}, noting where the value of the top-level field {@code field} lies in
   * the parser's text (character offsets: the parser reads a {@code String}).
   */
  static Read read(JsonParser parser, String field) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      return new Read(token == null ? MissingNode.getInstance() : value(parser, token), -1, -1);
    }
    ObjectNode object = NODES.objectNode();
    int start = -1;
    int end = -1;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken first = parser.nextToken();
      int from = (int) parser.currentTokenLocation().getCharOffset();
      object.set(name, value(parser, first));
      if (first == JsonToken.START_OBJECT && name.equals(field)) {
        start = from;
        end = (int) parser.currentTokenLocation().getCharOffset() + 1; // after its last token
      }
    }
    return new Read(object, start, end);
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          object.set(name, value(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(value(parser, next));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("a parser gave " + token + " where a value starts");
    }
  }
}
