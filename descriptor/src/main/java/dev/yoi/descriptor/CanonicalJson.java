package dev.yoi.descriptor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON: object keys sorted at every level, arrays in declaration order, no insignificant
 * whitespace, UTF-8. The digest is computed over exactly this text, by this one piece of code, at
 * build time and at run time.
 *
 * <p>The mapper (and its factory, whose features decide the text: escaping, number forms) is
 * private to this class and nothing here hands it out, directly or through a generator or parser
 * (whose {@code getCodec()} would): code outside cannot reconfigure it and so cannot change a
 * digest. Its stream limits are set explicitly, so Jackson's process-wide default overrides do not
 * reach it either. A caller that needs a general mapper makes its own.
 */
public final class CanonicalJson {
  /** Strict about duplicate keys, unknown fields, nulls for primitives and trailing tokens. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().build())
              .streamWriteConstraints(StreamWriteConstraints.builder().build())
              .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private CanonicalJson() {}

  /** The descriptor as a canonical (key-sorted) tree. */
  public static ObjectNode toTree(FeatureDescriptor descriptor) {
    return (ObjectNode) sorted(MAPPER.valueToTree(descriptor));
  }

  /** The descriptor as canonical JSON text: the same text as {@code write(toTree(descriptor))}. */
  public static String write(FeatureDescriptor descriptor) {
    StringWriter text = new StringWriter(2048);
    try (JsonGenerator generator = MAPPER.getFactory().createGenerator(text)) {
      CanonicalWriter.write(generator, descriptor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Any tree as canonical JSON text. */
  public static String write(JsonNode node) {
    return writeAsBuilt(sorted(node));
  }

  /** Parses JSON text (strictly) into a tree. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a descriptor back from its JSON tree. */
  public static FeatureDescriptor toDescriptor(JsonNode tree) {
    try {
      return MAPPER.treeToValue(tree, FeatureDescriptor.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** A copy of {@code node} whose object keys are sorted at every level. */
  public static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(sorted(it.next()));
      }
      return out;
    }
    return node;
  }

  /** {@code node} as compact JSON text in the order it was built (an index line's field order). */
  static String writeAsBuilt(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses strictly, keeping the parser's own exception for a message that quotes it. */
  static JsonNode readStrictly(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }
}
