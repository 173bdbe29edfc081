package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.ToolDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** JSON Schema (draft 2020-12) derivation from a tool's input record, and unsupported-input-type. */
class SchemaDeriverTest {
  /** A feature with one tool {@code T} whose input is {@code p.F.In}, declared by {@code records}. */
  private static JavaFileObject toolWithInput(String records) {
    return toolWithInput("", records);
  }

  /** {@link #toolWithInput(String)} with more {@code imports} before the feature class. */
  private static JavaFileObject toolWithInput(String imports, String records) {
    return java("p.F", imports + """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new T()); }
          @ToolContribution(name = "T", description = "d")
          public static class T implements Tool<In> {
            public ToolResult call(In in, ToolContext ctx) { return ToolResult.text(""); }
          }
        """ + records + "\n}\n");
  }

  private static JsonNode schemaOf(Compilation c) {
    assertThat(c).succeededWithoutWarnings();
    List<IndexEntry> entries = IndexFile.read("test",
        Compilations.index(c).getBytes(StandardCharsets.UTF_8));
    IndexEntry.Valid valid = (IndexEntry.Valid) entries.get(0);
    ToolDescriptor tool = valid.line().descriptor().tools().get(0);
    return tool.inputSchema();
  }

  private static void assertSchema(String expectedJson, JsonNode actual) {
    JsonNode expected = CanonicalJson.parse(expectedJson);
    assertEquals(CanonicalJson.write(expected), CanonicalJson.write(actual));
  }

  private static Schema validator(JsonNode schema) {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(CanonicalJson.write(schema));
  }

  private static final String EVERY_TYPE = """
        @interface Nullable {}
        public enum Color { RED, @JsonProperty("verde") GREEN }
        public record Point(int x, int y) {}
        public record In(
            String text,
            boolean flag,
            Boolean boxedFlag,
            byte b,
            short s,
            int i,
            long l,
            Integer boxedInt,
            java.math.BigInteger big,
            float f,
            double d,
            Double boxedDouble,
            java.math.BigDecimal money,
            Color color,
            Point point,
            List<String> tags,
            Set<Integer> ids,
            String[] lines,
            byte[] blob,
            Map<String, Point> points,
            Optional<String> note,
            @Nullable String maybe,
            JsonNode anything,
            @JsonProperty("renamed") @JsonPropertyDescription("Described here") String original,
            List<List<Point>> grid) {}
      """;

  @Test
  void everySupportedTypeHasItsSchema() {
    assertSchema("""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "type": "object",
         "additionalProperties": false,
         "properties": {
           "text": {"type": "string"},
           "flag": {"type": "boolean"},
           "boxedFlag": {"type": "boolean"},
           "b": {"type": "integer"},
           "s": {"type": "integer"},
           "i": {"type": "integer"},
           "l": {"type": "integer"},
           "boxedInt": {"type": "integer"},
           "big": {"type": "integer"},
           "f": {"type": "number"},
           "d": {"type": "number"},
           "boxedDouble": {"type": "number"},
           "money": {"type": "number"},
           "color": {"type": "string", "enum": ["RED", "verde"]},
           "point": {"type": "object", "additionalProperties": false,
             "properties": {
               "x": {"type": "integer"},
               "y": {"type": "integer"}},
             "required": ["x", "y"]},
           "tags": {"type": "array", "items": {"type": "string"}},
           "ids": {"type": "array", "uniqueItems": true, "items": {"type": "integer"}},
           "lines": {"type": "array", "items": {"type": "string"}},
           "blob": {"type": "string", "contentEncoding": "base64"},
           "points": {"type": "object", "additionalProperties": {"type": "object",
             "additionalProperties": false,
             "properties": {
               "x": {"type": "integer"},
               "y": {"type": "integer"}},
             "required": ["x", "y"]}},
           "note": {"type": ["string", "null"]},
           "maybe": {"type": ["string", "null"]},
           "anything": {},
           "renamed": {"type": "string", "description": "Described here"},
           "grid": {"type": "array", "items": {"type": "array", "items": {"type": "object",
             "additionalProperties": false,
             "properties": {
               "x": {"type": "integer"},
               "y": {"type": "integer"}},
             "required": ["x", "y"]}}}
         },
         "required": ["text", "flag", "boxedFlag", "b", "s", "i", "l", "boxedInt", "big", "f", "d",
           "boxedDouble", "money", "color", "point", "tags", "ids", "lines", "blob", "points",
           "anything", "renamed", "grid"]
        }
        """, schemaOf(compile(toolWithInput(EVERY_TYPE))));
  }

  @Test
  void derivedSchemaIsValidDraft202012AndAcceptsWhatJacksonReads() {
    Schema schema = validator(schemaOf(compile(toolWithInput(EVERY_TYPE))));
    String valid = """
        {"text": "t", "flag": true, "boxedFlag": false, "b": 1, "s": 2, "i": 3, "l": 4,
         "boxedInt": 5, "big": 123456789012345678901234567890, "f": 1.5, "d": 2.5,
         "boxedDouble": 3.5, "money": 9.99, "color": "verde", "point": {"x": 1, "y": 2},
         "tags": ["a"], "ids": [1, 2], "lines": [], "blob": "AAEC", "points": {"p": {"x": 0, "y": 0}},
         "anything": [1, "two"], "renamed": "r", "grid": [[{"x": 1, "y": 1}]]}
        """;
    assertEquals(List.of(), schema.validate(CanonicalJson.parse(valid)));
    String extra = valid.replace("\"text\": \"t\"", "\"text\": \"t\", \"surprise\": 1");
    assertTrue(!schema.validate(CanonicalJson.parse(extra)).isEmpty(), "additional property accepted");
    String missing = valid.replace("\"text\": \"t\",", "");
    assertTrue(!schema.validate(CanonicalJson.parse(missing)).isEmpty(), "missing required accepted");
    String nullRequired = valid.replace("\"text\": \"t\"", "\"text\": null");
    assertTrue(!schema.validate(CanonicalJson.parse(nullRequired)).isEmpty(), "null for a required component accepted");
    String nullOptional = valid.replace("\"text\": \"t\",", "\"text\": \"t\", \"note\": null, \"maybe\": null,");
    assertEquals(List.of(), schema.validate(CanonicalJson.parse(nullOptional)));
    String badEnum = valid.replace("\"verde\"", "\"GREEN\"");
    assertTrue(!schema.validate(CanonicalJson.parse(badEnum)).isEmpty(), "renamed enum constant accepted");
  }

  @Test
  void typeUseNullableMakesAComponentOptional() {
    JsonNode schema = schemaOf(compile(toolWithInput("""
          @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
          @interface Nullable {}
          public record In(String a, @Nullable String b) {}
        """)));
    assertEquals("[\"a\"]", schema.get("required").toString());
  }

  @Test
  void jsonIgnoredComponentIsNotPartOfTheInput() {
    JsonNode schema = schemaOf(compile(toolWithInput("""
          public record In(String q, @com.fasterxml.jackson.annotation.JsonIgnore String internal) {}
        """)));
    assertEquals("[\"q\"]", schema.get("required").toString());
    assertEquals(List.of("q"), List.copyOf(iterable(schema.get("properties").fieldNames())));
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void recordWithNoComponentsIsAnEmptyObjectWithoutRequired() {
    assertSchema("""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
         "additionalProperties": false, "properties": {}}
        """, schemaOf(compile(toolWithInput("public record In() {}"))));
  }

  @Test
  void jsonNodeInputIsAFreeFormObject() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new T()); }
          @ToolContribution(name = "T", description = "d")
          public static class T implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    assertSchema("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\"}",
        schemaOf(compile(src)));
  }

  @Test
  void classDescriptionDescribesTheObject() {
    JsonNode schema = schemaOf(compile(toolWithInput("""
          @com.fasterxml.jackson.annotation.JsonClassDescription("What to look up")
          public record In(String q) {}
        """)));
    assertEquals("What to look up", schema.get("description").asText());
  }

  @Test
  void recursiveRootRecordRefersToTheRoot() {
    JsonNode schema = schemaOf(compile(toolWithInput(
        "public record In(String name, List<In> children) {}")));
    assertEquals("{\"$ref\":\"#\"}", schema.at("/properties/children/items").toString());
    Schema validator = validator(schema);
    assertEquals(List.of(), validator.validate(CanonicalJson.parse(
        "{\"name\":\"a\",\"children\":[{\"name\":\"b\",\"children\":[]}]}")));
    assertTrue(!validator.validate(CanonicalJson.parse(
        "{\"name\":\"a\",\"children\":[{\"name\":\"b\"}]}")).isEmpty(), "nested required not enforced");
  }

  @Test
  void recursiveNestedRecordGoesToDefs() {
    JsonNode schema = schemaOf(compile(toolWithInput("""
          public record Tree(String value, Optional<Tree> left, Optional<Tree> right) {}
          public record In(Tree tree, List<Tree> forest) {}
        """)));
    assertEquals("{\"$ref\":\"#/$defs/p.F.Tree\"}", schema.at("/properties/tree").toString());
    assertEquals("{\"$ref\":\"#/$defs/p.F.Tree\"}", schema.at("/properties/forest/items").toString());
    assertEquals("{\"anyOf\":[{\"$ref\":\"#/$defs/p.F.Tree\"},{\"type\":\"null\"}]}",
        schema.at("/$defs/p.F.Tree/properties/left").toString());
    assertEquals("[\"value\"]", schema.at("/$defs/p.F.Tree/required").toString());
    Schema validator = validator(schema);
    assertEquals(List.of(), validator.validate(CanonicalJson.parse(
        "{\"tree\":{\"value\":\"a\",\"left\":{\"value\":\"b\"}},\"forest\":[]}")));
    assertTrue(!validator.validate(CanonicalJson.parse(
        "{\"tree\":{\"value\":\"a\",\"left\":{\"x\":1}},\"forest\":[]}")).isEmpty());
  }

  @Test
  void mutuallyRecursiveRecordsTerminate() {
    JsonNode schema = schemaOf(compile(toolWithInput("""
          public record A(String a, Optional<B> b) {}
          public record B(String b, List<A> as) {}
          public record In(A a) {}
        """)));
    assertEquals("{\"$ref\":\"#/$defs/p.F.A\"}", schema.at("/properties/a").toString());
    assertEquals("{\"$ref\":\"#/$defs/p.F.A\"}", schema.at("/$defs/p.F.A/properties/b/properties/as/items").toString());
  }

  @Test
  void inputFoundThroughAGenericSuperclass() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new T()); }
          public abstract static class Base<X> implements Tool<X> {}
          public record In(String q) {}
          @ToolContribution(name = "T", description = "d")
          public static class T extends Base<In> {
            public ToolResult call(In in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertEquals("[\"q\"]", schemaOf(c).get("required").toString());
    assertTrue(Compilations.index(c).contains("\"inputType\":\"p.F$In\""), Compilations.index(c));
  }

  @Test
  void typeArgumentsOfGenericRecordsAreSubstituted() {
    JsonNode schema = schemaOf(compile(toolWithInput("""
          public record Page<T>(List<T> items, int total) {}
          public record In(Page<String> page) {}
        """)));
    assertEquals("{\"type\":\"string\"}", schema.at("/properties/page/properties/items/items").toString());
  }

  @Test
  void unsupportedComponentFailsOnTheToolNamingThePathAndType() {
    JavaFileObject src = toolWithInput("""
          public record Inner(Object thing) {}
          public record In(String ok, Inner inner, java.util.Date when) {}
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/unsupported-input-type] tool \"T\" (p.F.T) of feature f")
        .inFile(src).onLineContaining("public static class T");
    assertThat(c).hadErrorContaining("component \"inner.thing\" has type java.lang.Object");
    assertThat(c).hadErrorContaining("component \"when\" has type java.util.Date");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void mapWithNonStringKeysIsUnsupported() {
    Compilation c = compile(toolWithInput("public record In(Map<Integer, String> byId) {}"));
    assertThat(c).hadErrorContaining("[yoi/unsupported-input-type]");
    assertThat(c).hadErrorContaining("component \"byId\" has type java.util.Map<java.lang.Integer,java.lang.String>:"
        + " only Map<String, V>");
  }

  @Test
  void inputThatIsAClassNotARecordIsUnsupported() {
    Compilation c = compile(toolWithInput("public static class In { public String q; }"));
    assertThat(c).hadErrorContaining("[yoi/unsupported-input-type]");
    assertThat(c).hadErrorContaining("its input type p.F.In is not a record");
  }

  @Test
  void rawToolIsUnsupported() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @SuppressWarnings("rawtypes")
          @ToolContribution(name = "T", description = "d")
          public static class T implements Tool {
            public ToolResult call(Object in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/unsupported-input-type]").inFile(src)
        .onLineContaining("public static class T");
    assertThat(c).hadErrorContaining("raw type Tool");
  }

  @Test
  void genericToolWhoseInputIsATypeVariableIsUnsupported() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(name = "T", description = "d")
          public static class T<X> implements Tool<X> {
            public ToolResult call(X in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/unsupported-input-type]");
    assertThat(c).hadErrorContaining("its input type X is not a record");
  }

  @Test
  void enumWithJsonValueIsUnsupported() {
    Compilation c = compile(toolWithInput("""
          public enum Level { LOW; @com.fasterxml.jackson.annotation.JsonValue String wire() { return "l"; } }
          public record In(Level level) {}
        """));
    assertThat(c).hadErrorContaining("component \"level\" has type p.F.Level: its @JsonValue/@JsonCreator");
  }

  @Test
  void optionalAndNullableComponentsAcceptNullInEveryShape() {
    JsonNode schema = schemaOf(compile(toolWithInput("""
          @interface Nullable {}
          public enum Color { RED, GREEN }
          public record Point(int x, int y) {}
          public record Tree(String value, Optional<Tree> left) {}
          public record In(
              Optional<String> text,
              @Nullable Integer count,
              OptionalInt small,
              Optional<Color> color,
              Optional<Point> point,
              Optional<List<String>> tags,
              Optional<Tree> tree,
              Optional<JsonNode> anything,
              @JsonPropertyDescription("Which day") Optional<java.time.LocalDate> day,
              String needed) {}
        """)));
    assertSchema("""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "type": "object",
         "additionalProperties": false,
         "properties": {
           "text": {"type": ["string", "null"]},
           "count": {"type": ["integer", "null"]},
           "small": {"type": ["integer", "null"]},
           "color": {"type": ["string", "null"], "enum": ["RED", "GREEN", null]},
           "point": {"type": ["object", "null"], "additionalProperties": false,
             "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
             "required": ["x", "y"]},
           "tags": {"type": ["array", "null"], "items": {"type": "string"}},
           "tree": {"anyOf": [{"$ref": "#/$defs/p.F.Tree"}, {"type": "null"}]},
           "anything": {},
           "day": {"type": ["string", "null"], "format": "date", "description": "Which day"},
           "needed": {"type": "string"}
         },
         "required": ["needed"],
         "$defs": {
           "p.F.Tree": {"type": "object", "additionalProperties": false,
             "properties": {
               "value": {"type": "string"},
               "left": {"anyOf": [{"$ref": "#/$defs/p.F.Tree"}, {"type": "null"}]}},
             "required": ["value"]}
         }
        }
        """, schema);
    Schema validator = validator(schema);
    assertEquals(List.of(), validator.validate(CanonicalJson.parse("""
        {"text": null, "count": null, "small": null, "color": null, "point": null, "tags": null,
         "tree": {"value": "a", "left": null}, "anything": null, "day": null, "needed": "n"}
        """)));
    assertEquals(List.of(), validator.validate(CanonicalJson.parse("""
        {"text": "t", "count": 1, "small": 2, "color": "RED", "point": {"x": 1, "y": 2},
         "tags": ["a"], "tree": {"value": "a"}, "anything": [1], "day": "2026-05-01", "needed": "n"}
        """)));
    assertTrue(!validator.validate(CanonicalJson.parse("{\"needed\": null}")).isEmpty(),
        "null accepted for a required component");
    assertTrue(!validator.validate(CanonicalJson.parse("{\"needed\": \"n\", \"color\": \"BLUE\"}"))
        .isEmpty(), "a value outside the enum accepted");
  }

  @Test
  void javaTimeUuidAndUriAreStringsWithTheirFormat() {
    assertSchema("""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "type": "object",
         "additionalProperties": false,
         "properties": {
           "day": {"type": "string", "format": "date"},
           "at": {"type": "string", "format": "time"},
           "atOffset": {"type": "string", "format": "time"},
           "local": {"type": "string", "format": "date-time"},
           "offset": {"type": "string", "format": "date-time"},
           "zoned": {"type": "string", "format": "date-time"},
           "instant": {"type": "string", "format": "date-time"},
           "length": {"type": "string", "format": "duration"},
           "span": {"type": "string", "format": "duration"},
           "id": {"type": "string", "format": "uuid"},
           "link": {"type": "string", "format": "uri"},
           "days": {"type": "array", "items": {"type": "string", "format": "date"}}
         },
         "required": ["day", "at", "atOffset", "local", "offset", "zoned", "instant", "length",
           "span", "id", "link", "days"]
        }
        """, schemaOf(compile(toolWithInput("import java.time.*;\nimport java.net.URI;\n", """
          public record In(
              LocalDate day,
              LocalTime at,
              OffsetTime atOffset,
              LocalDateTime local,
              OffsetDateTime offset,
              ZonedDateTime zoned,
              Instant instant,
              Duration length,
              Period span,
              UUID id,
              URI link,
              List<LocalDate> days) {}
        """))));
  }

  @Test
  void integersCarryBoundsOnlyWhereTheAuthorAskedForThem() {
    JsonNode schema = schemaOf(compile(ValidationStubs.with(
        toolWithInput("import jakarta.validation.constraints.*;\n", """
          public record In(
              int plain,
              long big,
              @Min(1) @Max(10) int days,
              @Positive Integer count,
              @PositiveOrZero long offset,
              @Negative int below,
              @NegativeOrZero short atMost,
              @Positive double ratio,
              @Negative java.math.BigDecimal loss,
              @Min(5) @Positive int both,
              @Max(3) Optional<Integer> retries,
              List<@Min(0) @Max(100) Integer> scores,
              @javax.validation.constraints.Max(7) int legacy,
              @Min(1) String notANumber) {}
        """))));
    assertSchema("""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "type": "object",
         "additionalProperties": false,
         "properties": {
           "plain": {"type": "integer"},
           "big": {"type": "integer"},
           "days": {"type": "integer", "minimum": 1, "maximum": 10},
           "count": {"type": "integer", "minimum": 1},
           "offset": {"type": "integer", "minimum": 0},
           "below": {"type": "integer", "maximum": -1},
           "atMost": {"type": "integer", "maximum": 0},
           "ratio": {"type": "number", "exclusiveMinimum": 0},
           "loss": {"type": "number", "exclusiveMaximum": 0},
           "both": {"type": "integer", "minimum": 5},
           "retries": {"type": ["integer", "null"], "maximum": 3},
           "scores": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 100}},
           "legacy": {"type": "integer", "maximum": 7},
           "notANumber": {"type": "string"}
         },
         "required": ["plain", "big", "days", "count", "offset", "below", "atMost", "ratio", "loss",
           "both", "scores", "legacy", "notANumber"]
        }
        """, schema);
    Schema validator = validator(schema);
    String valid = """
        {"plain": -5000000000, "big": 9, "days": 10, "count": 1, "offset": 0, "below": -1,
         "atMost": 0, "ratio": 0.5, "loss": -0.5, "both": 5, "scores": [0, 100], "legacy": 7,
         "notANumber": "x"}
        """;
    assertEquals(List.of(), validator.validate(CanonicalJson.parse(valid)));
    for (List<String> change : List.of(List.of("\"days\": 10", "\"days\": 11"),
        List.of("\"count\": 1", "\"count\": 0"), List.of("\"ratio\": 0.5", "\"ratio\": 0"),
        List.of("\"both\": 5", "\"both\": 4"), List.of("[0, 100]", "[0, 101]"))) {
      String input = valid.replace(change.get(0), change.get(1));
      assertTrue(!validator.validate(CanonicalJson.parse(input)).isEmpty(), change.get(1) + " accepted");
    }
  }
}
