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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

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

  /** Text of every kind a descriptor may carry: ASCII, quotes and backslashes, controls, accents, CJK, emoji. */
  static Arbitrary<String> text() {
    Arbitrary<String> plain = Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u0000', '\u001f')
        .withCharRange('\u00a0', '\u024f')
        .withCharRange('\u4e00', '\u4e40')
        .ofMaxLength(30);
    Arbitrary<String> emoji = Arbitraries.of("\uD83C\uDF26", "\uD83D\uDE80 launch", "caf\u00e9 \u2603");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, plain),
        net.jqwik.api.Tuple.of(1, emoji));
  }

  static Arbitrary<String> nonBlankText() {
    return text().map(t -> "r " + t);
  }

  static Arbitrary<String> slug() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMaxLength(20)
        .map(s -> "f" + s);
  }

  static Arbitrary<String> toolName() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').numeric().withChars("_-")
        .ofMinLength(1).ofMaxLength(64);
  }

  private static final List<String> SCHEMAS = List.of(
      "{\"type\":\"object\",\"additionalProperties\":false}",
      "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\",\"properties\":"
          + "{\"city\":{\"type\":\"string\",\"description\":\"Wh\u00e9re \\\"exactly\\\"\"},\"days\":"
          + "{\"type\":\"integer\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
          + "\"required\":[\"city\"],\"additionalProperties\":false}",
      "{\"type\":\"object\",\"properties\":{\"n\":{\"$ref\":\"#\"}},\"additionalProperties\":false}");

  static Arbitrary<ToolDescriptor> tool() {
    return Combinators.combine(toolName(), text(), Arbitraries.of(SCHEMAS),
            Arbitraries.of(AuthorityKind.values()).list().ofMaxSize(2))
        .as((name, description, schema, requires) -> new ToolDescriptor(name, description,
            "acme.F$" + name.replace('-', '_'), JsonNode.class.getName(), CanonicalJson.parse(schema), requires));
  }

  static Arbitrary<HookDescriptor> hook() {
    return Combinators.combine(toolName(), Arbitraries.of(HookPoint.values()), Arbitraries.integers())
        .as((name, point, order) -> new HookDescriptor(name, point, order, "acme.F$Hook"));
  }

  static Arbitrary<TaskDescriptor> task() {
    return Combinators.combine(toolName(), text(), Arbitraries.of("", "PT5M", "P1D", "PT0.5S"),
            Arbitraries.of(RestartPolicy.values()))
        .as((name, description, every, restart) -> new TaskDescriptor(name, description, every, restart, "acme.F$Task"));
  }

  static Arbitrary<ProvidedService> provided() {
    return Combinators.combine(slug(), Arbitraries.of("1.0.0", "2.3.4-rc.1+b.7"), Arbitraries.of(true, false))
        .as((id, version, privileged) -> new ProvidedService(id, version, "acme.Api", privileged, "acme.F$Impl"));
  }

  static Arbitrary<RequiredService> required() {
    return Combinators.combine(Arbitraries.of("builtin", "user", "project"), slug(),
            Arbitraries.of("^1.0", ">=1.0 <2.0", "*", "~1.2.3"), Arbitraries.of(true, false), nonBlankText())
        .as((source, id, range, optional, reason) -> new RequiredService(source + ":" + id, range, "acme.Api", optional, reason));
  }

  static Arbitrary<AuthorityRequest> authority() {
    return Combinators.combine(Arbitraries.of(AuthorityKind.values()), slug(), Arbitraries.of(true, false),
            nonBlankText())
        .as((kind, scope, optional, reason) ->
            new AuthorityRequest(kind, kind.scopeRequired() || optional ? scope : "", optional, reason));
  }

  /** A descriptor that passes {@code DescriptorChecks}: names unique within their kind. */
  static Arbitrary<FeatureDescriptor> descriptor() {
    Arbitrary<List<ToolDescriptor>> tools = tool().list().ofMaxSize(3).uniqueElements(ToolDescriptor::name);
    Arbitrary<List<HookDescriptor>> hooks = hook().list().ofMaxSize(2).uniqueElements(HookDescriptor::name);
    Arbitrary<List<TaskDescriptor>> tasks = task().list().ofMaxSize(2).uniqueElements(TaskDescriptor::name);
    Arbitrary<List<ProvidedService>> provided = provided().list().ofMaxSize(2).uniqueElements(ProvidedService::id);
    Arbitrary<List<RequiredService>> required = required().list().ofMaxSize(2);
    Arbitrary<List<AuthorityRequest>> authorities = authority().list().ofMaxSize(3);
    Arbitrary<FeatureDescriptor> head = Combinators.combine(slug(), text(), Arbitraries.of("1.0.0", "0.1.0-alpha", "10.2.3+x"),
            text(), Arbitraries.of(RuntimeKind.values()))
        .as((slug, name, version, description, runtime) -> new FeatureDescriptor(slug, name, version, description,
            runtime, "acme.F", List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    return Combinators.combine(head, tools, hooks, tasks, provided, required, authorities)
        .as((d, t, h, k, p, r, a) -> new FeatureDescriptor(d.slug(), d.name(), d.version(), d.description(),
            d.runtime(), d.featureClass(), t, h, k, p, r, a));
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

  static Arbitrary<Mutation> mutation() {
    Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1);
    Arbitrary<String> path = Arbitraries.of(PATHS);
    Arbitrary<Mutation> truncate = fraction.map(Truncate::new);
    Arbitrary<Mutation> flip = Combinators.combine(fraction, Arbitraries.integers().between(0, 7)).as(FlipBit::new);
    Arbitrary<Mutation> utf8 = Combinators.combine(fraction, Arbitraries.integers().between(0, 7)).as(InvalidUtf8::new);
    Arbitrary<Mutation> wrongType = Combinators.combine(path, Arbitraries.of(WRONG_VALUES)).as(Replace::new);
    Arbitrary<Mutation> format = Arbitraries.of(FORMATS).map(f -> new Replace("format", f));
    Arbitrary<Mutation> huge = Combinators.combine(path, Arbitraries.frequency(
            net.jqwik.api.Tuple.of(6, 1_000), net.jqwik.api.Tuple.of(3, 20_000), net.jqwik.api.Tuple.of(1, 200_000)), Arbitraries.integers().between(0, 3))
        .as((p, size, kind) -> new Replace(p, hugeValue(size, kind)));
    Arbitrary<Mutation> deep = Combinators.combine(path, Arbitraries.of(50, 400, 990, 995, 999, 1_001, 5_000, 50_000), Arbitraries.of(true, false))
        .as((p, depth, arrays) -> new Replace(p, deepValue(depth, arrays)));
    Arbitrary<Mutation> duplicate = Combinators.combine(
            Arbitraries.of("", "descriptor", "descriptor.tools.0", "descriptor.authorities.0"),
            Arbitraries.of("format", "slug", "module", "digest", "descriptor", "name", "version", "kind", "tools"),
            Arbitraries.of("1", "\"other\"", "[]", "{}"))
        .as(DuplicateKey::new);
    Arbitrary<Mutation> remove = path.map(Remove::new);
    Arbitrary<Mutation> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(60).map(Garbage::new);
    Arbitrary<Mutation> trailing = Arbitraries.of("{}", "{\"format\":1}", " x", ",", "]", "// comment", " null", "\u0000")
        .map(Trailing::new);
    Arbitrary<Mutation> harmless = Arbitraries.integers().between(0, 2).map(Harmless::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, truncate),
        net.jqwik.api.Tuple.of(4, flip),
        net.jqwik.api.Tuple.of(2, utf8),
        net.jqwik.api.Tuple.of(4, wrongType),
        net.jqwik.api.Tuple.of(2, format),
        net.jqwik.api.Tuple.of(1, huge),
        net.jqwik.api.Tuple.of(1, deep),
        net.jqwik.api.Tuple.of(2, duplicate),
        net.jqwik.api.Tuple.of(2, remove),
        net.jqwik.api.Tuple.of(1, garbage),
        net.jqwik.api.Tuple.of(1, trailing),
        net.jqwik.api.Tuple.of(1, harmless));
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
