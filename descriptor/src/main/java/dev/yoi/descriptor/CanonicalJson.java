package dev.yoi.descriptor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
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
 * <p>Text is written through a generator, and read through a parser, of private {@link JsonFactory}s
 * with no mapper behind them: reading an index line and writing a descriptor (the processor inside
 * javac, the digest check of every line) never builds an {@link ObjectMapper} and its hundreds of
 * classes, which was most of the fixed cost of a start and of {@code yoi inspect}. {@link TreeReader}
 * builds the tree from the parser's tokens as Jackson's own {@code readTree} does (a test compares
 * the two). A mapper is made only to write a node no generator writes alone (a POJO node, never in
 * a parsed tree). The factories and the mapper (whose features decide the text: escaping, number
 * forms) are private to this class and nothing here hands them out, directly or through a
 * generator or parser (whose {@code getCodec()} would): code outside cannot reconfigure them and so
 * cannot change a digest. Their stream limits are set explicitly, so Jackson's process-wide default
 * overrides do not reach them either. A caller that needs a general mapper makes its own.
 */
public final class CanonicalJson {
  /** Writes every canonical text; never has a codec, so it never builds a mapper. */
  private static final JsonFactory WRITER = factory().build();

  /** Reads every text strictly: a duplicate key is an error. Never has a codec either. */
  private static final JsonFactory READER =
      factory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The mapper, built only to write a node no generator writes alone. */
  private static final class Writer {
    private static final ObjectMapper MAPPER = JsonMapper.builder(factory().build()).build();
  }

  private CanonicalJson() {}

  /** Jackson's default factory with explicit stream limits: the one configuration for text. */
  private static JsonFactoryBuilder factory() {
    return (JsonFactoryBuilder) JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().build())
        .streamWriteConstraints(StreamWriteConstraints.builder().build());
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

  /** Parses JSON text (strictly: no duplicate key, nothing after the value) into a tree. */
  public static JsonNode parse(String json) {
    try {
      return readStrictly(json);
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
    Writer.MAPPER.writeValue(generator, node);
  }

  /**
   * Parses strictly, keeping the parser's own exception for a message that quotes it: empty text
   * is a missing node, a duplicate key or anything after the value is an error.
   */
  static JsonNode readStrictly(String json) throws JsonProcessingException {
    return readStrictly(json, null).node();
  }

  /**
   * {@link #readStrictly(String)}, noting where the value of the top-level field {@code field}
   * (an object) lies in {@code json}; no field noted when it is null.
   */
  static TreeReader.Read readStrictly(String json, String field) throws JsonProcessingException {
    try (JsonParser parser = READER.createParser(json)) {
      TreeReader.Read read = field == null ? new TreeReader.Read(TreeReader.read(parser), -1, -1)
          : TreeReader.read(parser, field);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after value:"
            + " not allowed in canonical JSON");
      }
      return read;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source does no I/O
    }
  }

  /**
   * Whether the bytes of {@code text} from {@code start} to {@code end} are already the canonical
   * text (UTF-8) of {@code tree}, the value a strict parse of them gave: then they can be hashed as
   * they stand instead of written again. Read as bytes, not characters: in a cold JVM this loop
   * runs interpreted, where a byte costs one instruction and a {@code charAt} several calls.
   * Conservative, so that any doubt means writing the text: ASCII only; no whitespace between tokens; no
   * backslash in a string (the generator escapes only quote, backslash and control characters,
   * none of which a string without a backslash can hold); integers only, none written {@code -0}
   * (a fraction or exponent has the generator's own form); keys in sorted order in every object
   * (a strict parse has refused duplicates). Whether the records read from the tree write it
   * back field for field is the caller's to know ({@link DescriptorTree.Read}).
   */
  static boolean isCanonical(byte[] text, int start, int end, JsonNode tree) {
    if (start < 0 || end > text.length || end - start < 2 || text[start] != '{' || text[end - 1] != '}') {
      return false;
    }
    int depth = 0;
    boolean inString = false;
    byte previous = 0;
    for (int i = start; i < end; previous = text[i], i++) {
      byte c = text[i];
      if (c < 0) {
        return false; // not ASCII
      }
      if (inString) {
        if (c == '\\') {
          return false;
        }
        inString = c != '"';
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> depth++;
        case '}', ']' -> {
          depth--;
          if (depth == 0 && i != end - 1) {
            return false; // the span holds more than one value
          }
        }
        case ',', ':' -> { }
        case '-' -> {
          if (i + 1 < end && text[i + 1] == '0') {
            return false;
          }
        }
        case '.' -> {
          return false;
        }
        case 'e', 'E' -> {
          if (previous >= '0' && previous <= '9') {
            return false; // an exponent, not the e of true or false
          }
        }
        default -> {
          if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z')) {
            return false; // whitespace, or anything else a parser let through
          }
        }
      }
    }
    return depth == 0 && !inString && sortedKeys(tree);
  }

  /** Whether every object in {@code node} holds its keys in the canonical (sorted) order. */
  private static boolean sortedKeys(JsonNode node) {
    if (node.isObject()) {
      String previous = null;
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (previous != null && previous.compareTo(name) >= 0) {
          return false;
        }
        if (!sortedKeys(node.get(name))) {
          return false;
        }
        previous = name;
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (!sortedKeys(node.get(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
