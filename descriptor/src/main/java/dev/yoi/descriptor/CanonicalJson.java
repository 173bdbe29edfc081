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
 * <p>Text is written through a generator of a private {@link JsonFactory} with no mapper behind it:
 * writing a descriptor (the processor inside javac, the digest check of every index line) never
 * builds an {@link ObjectMapper} and its hundreds of classes. Reading uses a strict mapper, made on
 * the first read. Both (and their factories, whose features decide the text: escaping, number
 * forms) are private to this class and nothing here hands them out, directly or through a
 * generator or parser (whose {@code getCodec()} would): code outside cannot reconfigure them and so
 * cannot change a digest. Their stream limits are set explicitly, so Jackson's process-wide default
 * overrides do not reach them either. A caller that needs a general mapper makes its own.
 */
public final class CanonicalJson {
  /** Writes every canonical text; never has a codec, so it never builds a mapper. */
  private static final JsonFactory WRITER = factory();

  /** The strict mapper, built on the first read (a writer alone never needs it). */
  private static final class Reader {
    /** Strict about duplicate keys, unknown fields, nulls for primitives and trailing tokens. */
    private static final ObjectMapper MAPPER =
        JsonMapper.builder(factory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  private CanonicalJson() {}

  /** Jackson's default factory with explicit stream limits: the one configuration for text. */
  private static JsonFactory factory() {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().build())
        .streamWriteConstraints(StreamWriteConstraints.builder().build())
        .build();
  }

  /** The descriptor as a canonical (key-sorted) tree. */
  public static ObjectNode toTree(FeatureDescriptor descriptor) {
    return (ObjectNode) parse(write(descriptor));
  }

  /** The descriptor as canonical JSON text. */
  public static String write(FeatureDescriptor descriptor) {
    return writeWith(generator -> CanonicalWriter.write(generator, descriptor));
  }

  /** Any tree as canonical JSON text. */
  public static String write(JsonNode node) {
    return writeWith(generator -> CanonicalWriter.write(generator, node));
  }

  /** Parses JSON text (strictly) into a tree. */
  public static JsonNode parse(String json) {
    try {
      return Reader.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a descriptor back from its JSON tree, as strictly as it was written: every field of
   * every record present with its JSON type (see {@link DescriptorTree}), nothing else.
   *
   * @throws IllegalArgumentException naming the first field that is missing, unknown or mistyped
   */
  public static FeatureDescriptor toDescriptor(JsonNode tree) {
    return DescriptorTree.read(tree);
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

  /** What writes one text through a canonical generator. */
  interface Writing {
    void to(JsonGenerator generator) throws IOException;
  }

  /** The text {@code writing} writes through one of this class's generators (never kept). */
  static String writeWith(Writing writing) {
    StringWriter text = new StringWriter(2048);
    try (JsonGenerator generator = WRITER.createGenerator(text)) {
      writing.to(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * Writes a node no generator writes alone (a POJO node, never in a parsed tree) as the strict
   * mapper serialises it.
   */
  static void writeThroughMapper(JsonGenerator generator, JsonNode node) throws IOException {
    Reader.MAPPER.writeValue(generator, node);
  }

  /** Parses strictly, keeping the parser's own exception for a message that quotes it. */
  static JsonNode readStrictly(String json) throws JsonProcessingException {
    return Reader.MAPPER.readTree(json);
  }
}
