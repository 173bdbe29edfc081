package dev.yoi.feature.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generators for the index properties: valid descriptors (every part a descriptor may have, with
 * text that needs escaping), their index lines, and the ways a line gets broken on its way to a
 * host: truncation, values of the wrong type, huge and deeply nested values, duplicate keys,
 * invalid UTF-8, unknown formats, byte flips, garbage, lines run together.
 */
final class IndexMutations {
  private IndexMutations() {}

  private static final ObjectMapper LENIENT = new ObjectMapper();
  private static final String HOLE = "@@yoi-mutation@@";

  // ---- Valid descriptors. ----

  /**
   * Text of every kind a one-line string may carry: ASCII, quotes and backslashes, accents, CJK,
   * emoji. (No control or invisible format characters: a descriptor holding one is invalid, see
   * ControlCharacters. The one such character in these ranges, the soft hyphen U+00AD, is drawn as
   * a middle dot, as long in UTF-8, so every case draws what it drew before.)
   */
  static Gen<String> text() {
    Gen<String> plain = Gen.string(0, 30, ' ', '~', '\u00a0', '\u024f', '\u4e00', '\u4e40')
        .map(s -> s.replace('\u00ad', '\u00b7'));
    Gen<String> emoji = Gen.of("\uD83C\uDF26", "\uD83D\uDE80 launch", "caf\u00e9 \u2603");
    return Gen.frequency(Gen.weighted(9, plain), Gen.weighted(1, emoji));
  }

  /** Text of every kind a description or reason may carry: {@link #text()}, with line feeds and tabs. */
  static Gen<String> paragraph() {
    Gen<String> line = text();
    return Gen.frequency(Gen.weighted(3, line), Gen.weighted(1, r -> line.next(r) + "\n\t" + line.next(r)));
  }

  static Gen<String> nonBlankText() {
    return paragraph().map(t -> "r " + t);
  }

  static Gen<String> slug() {
    return Gen.string(0, 20, "abcdefghijklmnopqrstuvwxyz0123456789-").map(s -> "f" + s);
  }

  static Gen<String> toolName() {
    return Gen.string(1, 64, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
  }

  private static final List<String> SCHEMAS = List.of(
      "{\"type\":\"object\",\"additionalProperties\":false}",
      "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\",\"properties\":"
          + "{\"city\":{\"type\":\"string\",\"description\":\"Wh\u00e9re \\\"exactly\\\"\"},\"days\":"
          + "{\"type\":\"integer\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
          + "\"required\":[\"city\"],\"additionalProperties\":false}",
      "{\"type\":\"object\",\"properties\":{\"n\":{\"$ref\":\"#\"}},\"additionalProperties\":false}");

  // Arguments are evaluated left to right, so each generator below draws its parts in a fixed order.

  static Gen<ToolDescriptor> tool() {
    Gen<String> name = toolName();
    Gen<String> description = paragraph();
    Gen<String> schema = Gen.of(SCHEMAS);
    Gen<List<AuthorityKind>> requires = Gen.of(AuthorityKind.values()).list(0, 2);
    return r -> tool(name.next(r), description.next(r), schema.next(r), requires.next(r));
  }

  private static ToolDescriptor tool(String name, String description, String schema, List<AuthorityKind> requires) {
    return new ToolDescriptor(name, description, "acme.F$" + name.replace('-', '_'), JsonNode.class.getName(),
        CanonicalJson.parse(schema), requires);
  }

  static Gen<HookDescriptor> hook() {
    Gen<String> name = toolName();
    Gen<HookPoint> point = Gen.of(HookPoint.values());
    Gen<Integer> order = Gen.anyInt();
    return r -> new HookDescriptor(name.next(r), point.next(r), order.next(r), "acme.F$Hook");
  }

  static Gen<TaskDescriptor> task() {
    Gen<String> name = toolName();
    Gen<String> description = paragraph();
    Gen<String> every = Gen.of("", "PT5M", "P1D", "PT0.5S");
    Gen<RestartPolicy> restart = Gen.of(RestartPolicy.values());
    return r -> new TaskDescriptor(name.next(r), description.next(r), every.next(r), restart.next(r), "acme.F$Task");
  }

  static Gen<ProvidedService> provided() {
    Gen<String> id = slug();
    Gen<String> version = Gen.of("1.0.0", "2.3.4-rc.1+b.7");
    Gen<Boolean> privileged = Gen.of(true, false);
    return r -> new ProvidedService(id.next(r), version.next(r), "acme.Api", privileged.next(r), "acme.F$Impl");
  }

  static Gen<RequiredService> required() {
    Gen<String> source = Gen.of("builtin", "user", "project");
    Gen<String> id = slug();
    Gen<String> range = Gen.of("^1.0", ">=1.0 <2.0", "*", "~1.2.3");
    Gen<Boolean> optional = Gen.of(true, false);
    Gen<String> reason = nonBlankText();
    return r -> new RequiredService(source.next(r) + ":" + id.next(r), range.next(r), "acme.Api", optional.next(r),
        reason.next(r));
  }

  static Gen<AuthorityRequest> authority() {
    Gen<AuthorityKind> kind = Gen.of(AuthorityKind.values());
    Gen<String> scope = slug();
    Gen<Boolean> optional = Gen.of(true, false);
    Gen<String> reason = nonBlankText();
    return r -> authority(kind.next(r), scope.next(r), optional.next(r), reason.next(r));
  }

  /** A scope in the kind's grammar (AuthorityScopes), made from a slug; none for unscoped kinds. */
  private static AuthorityRequest authority(AuthorityKind kind, String scope, boolean optional, String reason) {
    String scoped = switch (kind) {
      case SERVICE_ACCESS -> "builtin:" + scope;
      case FILESYSTEM -> "/srv/" + scope + "/**";
      case NETWORK -> scope + "0.example"; // a DNS label cannot end in '-', a slug can
      case MODEL_NOTIFICATION, POD_MANAGEMENT -> "";
      default -> scope;
    };
    return new AuthorityRequest(kind, kind.scopeRequired() || optional ? scoped : "", optional, reason);
  }

  /** A descriptor that passes {@code DescriptorChecks}: names unique within their kind. */
  static Gen<FeatureDescriptor> descriptor() {
    Gen<String> slug = slug();
    Gen<String> name = text();
    Gen<String> version = Gen.of("1.0.0", "0.1.0-alpha", "10.2.3+x");
    Gen<String> description = paragraph();
    Gen<RuntimeKind> runtime = Gen.of(RuntimeKind.values());
    Gen<List<ToolDescriptor>> tools = tool().uniqueList(3, ToolDescriptor::name);
    Gen<List<HookDescriptor>> hooks = hook().uniqueList(2, HookDescriptor::name);
    Gen<List<TaskDescriptor>> tasks = task().uniqueList(2, TaskDescriptor::name);
    Gen<List<ProvidedService>> provided = provided().uniqueList(2, ProvidedService::id);
    Gen<List<RequiredService>> required = required().list(0, 2);
    Gen<List<AuthorityRequest>> authorities = authority().list(0, 3);
    return r -> new FeatureDescriptor(slug.next(r), name.next(r), version.next(r), description.next(r),
        runtime.next(r), "acme.F", tools.next(r), hooks.next(r), tasks.next(r), provided.next(r), required.next(r),
        authorities.next(r));
  }

  /** The index line of {@code descriptor} under a slug made unique within its file. */
  static byte[] line(FeatureDescriptor d, int index) {
    FeatureDescriptor unique = new FeatureDescriptor(d.slug() + "-" + index, d.name(), d.version(), d.description(),
        d.runtime(), d.featureClass(), d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(),
        d.requiredServices(), d.authorities());
    return IndexFile.writeLine(IndexLine.of("m", "acme.F_FeatureDescriptor", unique)).getBytes(StandardCharsets.UTF_8);
  }

  // ---- Mutations. ----

  /** One way to break (or, now and then, harmlessly change) a line's bytes. */
  interface Mutation {
    byte[] apply(byte[] line);
  }

  /** Keeps the first part of the line. */
  record Truncate(double keep) implements Mutation {
    public byte[] apply(byte[] line) {
      return Arrays.copyOf(line, (int) (line.length * keep));
    }
  }

  /** Flips one bit of one byte (which may make a newline, and so two lines). */
  record FlipBit(double at, int bit) implements Mutation {
    public byte[] apply(byte[] line) {
      if (line.length == 0) {
        return line;
      }
      byte[] out = line.clone();
      int i = Math.min(line.length - 1, (int) (line.length * at));
      out[i] ^= (byte) (1 << bit);
      return out;
    }
  }

  /** Inserts a byte sequence that is not UTF-8: stray continuation, overlong, surrogate, 0xFF, cut short. */
  record InvalidUtf8(double at, int kind) implements Mutation {
    static final byte[][] SEQUENCES = {
        {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFE, (byte) 0xFF}};

    public byte[] apply(byte[] line) {
      return insert(line, (int) (line.length * at), SEQUENCES[kind % SEQUENCES.length]);
    }
  }

  /** Replaces the line with arbitrary bytes. */
  record Garbage(byte[] bytes) implements Mutation {
    public byte[] apply(byte[] line) {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "Garbage" + Arrays.toString(bytes);
    }
  }

  /** Appends text after the object: another object, a stray token, a comment. */
  record Trailing(String text) implements Mutation {
    public byte[] apply(byte[] line) {
      return concat(line, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Puts raw JSON text (not necessarily valid JSON) in place of the value at {@code path}: a wrong
   * type, a huge or deeply nested value, an unknown format. The path is dotted; a number indexes an
   * array; a field that is not there is added.
   */
  record Replace(String path, String raw) implements Mutation {
    public byte[] apply(byte[] line) {
      return editTree(line, path, (parent, field) -> setHole(parent, field), raw);
    }

    @Override
    public String toString() {
      return "Replace[" + path + " = " + (raw.length() > 60 ? raw.substring(0, 60) + "...(" + raw.length() + " chars)" : raw) + "]";
    }
  }

  /** Writes {@code field} a second time in the object at {@code path} (empty: the line's object). */
  record DuplicateKey(String path, String field, String rawValue) implements Mutation {
    public byte[] apply(byte[] line) {
      String extra = "\"" + field + "\":" + rawValue;
      return editTree(line, path.isEmpty() ? HOLE_FIELD : path + "." + HOLE_FIELD,
          (parent, f) -> setHole(parent, f), extra, true);
    }
  }

  /** Removes the field at {@code path}. */
  record Remove(String path) implements Mutation {
    public byte[] apply(byte[] line) {
      return editTree(line, path, (parent, field) -> {
        if (parent instanceof ObjectNode o) {
          o.remove(field);
        } else if (parent instanceof ArrayNode a && isIndex(field) && Integer.parseInt(field) < a.size()) {
          a.remove(Integer.parseInt(field));
        }
      }, null);
    }
  }

  /** A change that keeps the line valid: spaces between tokens, a carriage return before the newline. */
  record Harmless(int kind) implements Mutation {
    public byte[] apply(byte[] line) {
      String text = new String(line, StandardCharsets.UTF_8);
      return switch (kind % 3) {
        case 0 -> (text.replace("\":", "\" : ").replace(",\"", ", \"")).getBytes(StandardCharsets.UTF_8);
        case 1 -> ("  " + text + "\t").getBytes(StandardCharsets.UTF_8);
        default -> concat(line, new byte[] {'\r'});
      };
    }
  }

  private static final String HOLE_FIELD = "@@yoi-field@@";

  /** Fields a mutation may target; indexes reach into the first element of a list. */
  static final List<String> PATHS = List.of(
      "format", "slug", "module", "descriptorClass", "digest", "descriptor",
      "descriptor.slug", "descriptor.name", "descriptor.version", "descriptor.description", "descriptor.runtime",
      "descriptor.featureClass", "descriptor.tools", "descriptor.hooks", "descriptor.backgroundTasks",
      "descriptor.providedServices", "descriptor.requiredServices", "descriptor.authorities",
      "descriptor.tools.0", "descriptor.tools.0.name", "descriptor.tools.0.inputSchema", "descriptor.tools.0.requires",
      "descriptor.tools.0.inputSchema.properties", "descriptor.hooks.0.point", "descriptor.hooks.0.order",
      "descriptor.backgroundTasks.0.every", "descriptor.backgroundTasks.0.restart",
      "descriptor.providedServices.0.privileged", "descriptor.requiredServices.0.version",
      "descriptor.authorities.0.kind", "descriptor.authorities.0.scope", "descriptor.authorities.0.optional");

  /** Values of the wrong type (or of no JSON type at all) for any field. */
  static final List<String> WRONG_VALUES = List.of(
      "null", "true", "false", "0", "-1", "1.5", "1e400", "-0", "\"\"", "\"text\"", "[]", "[1,\"a\"]", "{}",
      "{\"a\":1}", "NaN", "Infinity", "01", "0x10", "'single'", "\"\\ud800\"", "\"\\u0000\"", "\"\\x\"", "tru",
      "[1,]", "{\"a\":}", "\"unterminated");

  /** Format values other than 1. */
  static final List<String> FORMATS = List.of(
      "0", "2", "99", "-1", "2147483647", "2147483648", "10000000000000000000000", "1.0", "1e0", "\"1\"", "true",
      "null", "[1]");

  /** One mutation, of each kind in proportion to its weight. */
  static Gen<Mutation> mutation() {
    Gen<Double> fraction = Gen.fraction();
    Gen<String> path = Gen.of(PATHS);
    Gen<Integer> bit = Gen.between(0, 7);
    Gen<Mutation> truncate = fraction.map(Truncate::new);
    Gen<Mutation> flip = r -> new FlipBit(fraction.next(r), bit.next(r));
    Gen<Mutation> utf8 = r -> new InvalidUtf8(fraction.next(r), bit.next(r));
    Gen<String> wrongValue = Gen.of(WRONG_VALUES);
    Gen<Mutation> wrongType = r -> new Replace(path.next(r), wrongValue.next(r));
    Gen<Mutation> format = Gen.of(FORMATS).map(f -> new Replace("format", f));
    Gen<Integer> hugeSize = Gen.frequency(
        Gen.weighted(6, Gen.constant(1_000)), Gen.weighted(3, Gen.constant(20_000)), Gen.weighted(1, Gen.constant(200_000)));
    Gen<Integer> hugeKind = Gen.between(0, 3);
    Gen<Mutation> huge = r -> new Replace(path.next(r), hugeValue(hugeSize.next(r), hugeKind.next(r)));
    Gen<Integer> depth = Gen.of(50, 400, 990, 995, 999, 1_001, 5_000, 50_000);
    Gen<Boolean> arrays = Gen.of(true, false);
    Gen<Mutation> deep = r -> new Replace(path.next(r), deepValue(depth.next(r), arrays.next(r)));
    Gen<String> duplicateAt = Gen.of("", "descriptor", "descriptor.tools.0", "descriptor.authorities.0");
    Gen<String> duplicateField = Gen.of("format", "slug", "module", "digest", "descriptor", "name", "version", "kind", "tools");
    Gen<String> duplicateValue = Gen.of("1", "\"other\"", "[]", "{}");
    Gen<Mutation> duplicate = r -> new DuplicateKey(duplicateAt.next(r), duplicateField.next(r), duplicateValue.next(r));
    Gen<Mutation> remove = path.map(Remove::new);
    Gen<Mutation> garbage = Gen.bytes(60).map(Garbage::new);
    Gen<Mutation> trailing = Gen.of("{}", "{\"format\":1}", " x", ",", "]", "// comment", " null", "\u0000")
        .map(Trailing::new);
    Gen<Mutation> harmless = Gen.between(0, 2).map(Harmless::new);
    return Gen.frequency(
        Gen.weighted(3, truncate),
        Gen.weighted(4, flip),
        Gen.weighted(2, utf8),
        Gen.weighted(4, wrongType),
        Gen.weighted(2, format),
        Gen.weighted(1, huge),
        Gen.weighted(1, deep),
        Gen.weighted(2, duplicate),
        Gen.weighted(2, remove),
        Gen.weighted(1, garbage),
        Gen.weighted(1, trailing),
        Gen.weighted(1, harmless));
  }

  /** A huge string, number, array or object of about {@code size} characters. */
  static String hugeValue(int size, int kind) {
    return switch (kind) {
      case 0 -> "\"" + "x".repeat(size) + "\"";
      case 1 -> "1" + "0".repeat(size);
      case 2 -> "[" + "1,".repeat(size / 2) + "1]";
      default -> {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < size / 8; i++) {
          out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        yield out.append('}').toString();
      }
    };
  }

  /** {@code [[[..]]]} or {@code {"a":{"a":..}}} nested {@code depth} deep. */
  static String deepValue(int depth, boolean arrays) {
    return arrays
        ? "[".repeat(depth) + "]".repeat(depth)
        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  // ---- Tree edits through a hole: the value is spliced into the serialised text. ----

  private interface Edit {
    void at(JsonNode parent, String field);
  }

  private static byte[] editTree(byte[] line, String path, Edit edit, String raw) {
    return editTree(line, path, edit, raw, false);
  }

  /**
   * Parses the line leniently, applies {@code edit} to the parent of {@code path}, serialises, and
   * splices {@code raw} in place of the hole (as a value, or as a whole member when
   * {@code member}). A line that no longer parses (an earlier mutation broke it) is left as is.
   */
  private static byte[] editTree(byte[] line, String path, Edit edit, String raw, boolean member) {
    JsonNode root;
    try {
      root = LENIENT.readTree(line);
    } catch (Exception e) {
      return line;
    }
    if (root == null || !root.isObject()) {
      return line;
    }
    String[] parts = path.split("\\.");
    JsonNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = child(parent, parts[i]);
      if (next == null || !next.isContainerNode()) {
        return line;
      }
      parent = next;
    }
    edit.at(parent, parts[parts.length - 1]);
    String text;
    try {
      text = LENIENT.writeValueAsString(root);
    } catch (Exception e) {
      return line;
    }
    if (raw != null) {
      String hole = member ? "\"" + HOLE_FIELD + "\":\"" + HOLE + "\"" : "\"" + HOLE + "\"";
      text = text.replace(hole, raw);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode child(JsonNode parent, String part) {
    return isIndex(part) ? parent.get(Integer.parseInt(part)) : parent.get(part);
  }

  private static void setHole(JsonNode parent, String field) {
    if (parent instanceof ObjectNode o) {
      o.put(field, HOLE);
    } else if (parent instanceof ArrayNode a && isIndex(field)) {
      int i = Integer.parseInt(field);
      if (i < a.size()) {
        a.set(i, a.textNode(HOLE));
      } else {
        a.add(HOLE);
      }
    }
  }

  private static boolean isIndex(String part) {
    return !part.isEmpty() && part.chars().allMatch(Character::isDigit);
  }

  static byte[] insert(byte[] line, int at, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(line, 0, at);
    out.write(bytes, 0, bytes.length);
    out.write(line, at, line.length - at);
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    return insert(a, a.length, b);
  }

  /** A line of a generated index, before and after its mutations. */
  record LineSpec(FeatureDescriptor descriptor, List<Mutation> mutations, boolean crlf) {}

  /** Lines are built into bytes here, so the property sees both the plan and the result. */
  static List<byte[]> build(List<LineSpec> specs, List<byte[]> originals) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      byte[] original = line(specs.get(i).descriptor(), i);
      originals.add(original);
      byte[] bytes = original;
      for (Mutation m : specs.get(i).mutations()) {
        bytes = m.apply(bytes);
      }
      out.add(bytes);
    }
    return out;
  }
}
