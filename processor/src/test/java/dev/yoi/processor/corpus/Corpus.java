package dev.yoi.processor.corpus;

import static dev.yoi.descriptor.DiagnosticCode.AUTHORITY_NOT_REQUESTED;
import static dev.yoi.descriptor.DiagnosticCode.CONTROL_CHARACTER;
import static dev.yoi.descriptor.DiagnosticCode.DUPLICATE_CONTRIBUTION;
import static dev.yoi.descriptor.DiagnosticCode.DUPLICATE_FEATURE;
import static dev.yoi.descriptor.DiagnosticCode.INVALID_DURATION;
import static dev.yoi.descriptor.DiagnosticCode.INVALID_ID;
import static dev.yoi.descriptor.DiagnosticCode.INVALID_OPTION;
import static dev.yoi.descriptor.DiagnosticCode.INVALID_SCOPE;
import static dev.yoi.descriptor.DiagnosticCode.INVALID_TOOL_NAME;
import static dev.yoi.descriptor.DiagnosticCode.INVALID_VERSION;
import static dev.yoi.descriptor.DiagnosticCode.INVALID_VERSION_RANGE;
import static dev.yoi.descriptor.DiagnosticCode.MISSING_REASON;
import static dev.yoi.descriptor.DiagnosticCode.MISSING_SCOPE;
import static dev.yoi.descriptor.DiagnosticCode.NOT_INSTANTIABLE;
import static dev.yoi.descriptor.DiagnosticCode.ORPHAN_CONTRIBUTION;
import static dev.yoi.descriptor.DiagnosticCode.UNDECLARED_CONTRIBUTION;
import static dev.yoi.descriptor.DiagnosticCode.UNSUPPORTED_INPUT_TYPE;
import static dev.yoi.descriptor.DiagnosticCode.WRONG_SUPERTYPE;
import static dev.yoi.processor.corpus.Templates.CONTRIBUTION_SHAPE;
import static dev.yoi.processor.corpus.Templates.DUPLICATES;
import static dev.yoi.processor.corpus.Templates.EXTERNAL;
import static dev.yoi.processor.corpus.Templates.FEATURE;
import static dev.yoi.processor.corpus.Templates.FEATURE_SHAPE;
import static dev.yoi.processor.corpus.Templates.HOLDER;
import static dev.yoi.processor.corpus.Templates.INPUTS;
import static dev.yoi.processor.corpus.Templates.SINGLE_REQUESTS;
import static dev.yoi.processor.corpus.Templates.UNDECLARED;

import dev.yoi.descriptor.DiagnosticCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus, generated from tables: each kind of value with its bad (and good) values, crossed with
 * every slot that holds that kind; then the structural mistakes (supertypes, ownership, shapes,
 * duplicates, undeclared classes, input types), each a row of (template, slot, value, code).
 */
final class Corpus {
  private Corpus() {}

  /** One compilation: a template with some slots changed; {@code code} empty for a valid case. */
  record Case(
      Template template, Map<String, String> overrides, List<String> options, DiagnosticCode code,
      String markerSlot, String markerText) {

    /** Also changes {@code slot}: a companion change that keeps the case about one problem. */
    Case with(String slot, String value) {
      Map<String, String> more = new LinkedHashMap<>(overrides);
      more.put(slot, value);
      return new Case(template, more, options, code, markerSlot, markerText);
    }

    /** The error is on the line of {@code slot} instead of the changed one. */
    Case atSlot(String slot) {
      return new Case(template, overrides, options, code, slot, null);
    }

    /** The error is on the one line that contains {@code text}. */
    Case atLine(String text) {
      return new Case(template, overrides, options, code, null, text);
    }

    /** Compiles with these processor options instead of {@code -Ayoi.version=1.0.0}. */
    Case withOptions(String... replaced) {
      return new Case(template, overrides, List.of(replaced), code, markerSlot, markerText);
    }

    /** Where the error must be reported. */
    Template.Location expected(Template.Rendered rendered) {
      return markerText != null ? rendered.lineContaining(markerText) : rendered.line(markerSlot);
    }

    /** What the case changes, and the code it expects: {@code feature: tool.name = "" -> yoi/invalid-tool-name}. */
    String name() {
      StringBuilder out = new StringBuilder(template.name()).append(": ");
      List<String> changes = new ArrayList<>();
      overrides.forEach((slot, value) -> changes.add(slot + " = " + shown(value)));
      out.append(changes.isEmpty() ? "defaults" : String.join(", ", changes));
      if (!options.equals(VERSION_OPTION)) {
        out.append(" with options ").append(options);
      }
      return code == null ? out.toString() : out.append(" -> ").append(code.code()).toString();
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private static final List<String> VERSION_OPTION = List.of("-Ayoi.version=1.0.0");

  static Case bad(Template template, String slot, String value, DiagnosticCode code) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put(slot, value);
    return new Case(template, overrides, VERSION_OPTION, code, slot, null);
  }

  static Case good(Template template, String slot, String value) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put(slot, value);
    return new Case(template, overrides, VERSION_OPTION, null, null, null);
  }

  static Case defaults(Template template) {
    return new Case(template, Map.of(), VERSION_OPTION, null, null, null);
  }

  private static String shown(String value) {
    String s = value.length() > 70 ? value.substring(0, 67) + "..." : value;
    return "\"" + s + "\"";
  }

  // ---- Kinds of value: a label for each kind of badness, and the slots that hold the kind. ----

  /** Values that are not a slug. */
  static final Map<String, String> BAD_SLUGS = table(
      "empty", "",
      "upper case", "Weather",
      "leading dash", "-weather",
      "space", "my weather",
      "underscore", "my_weather",
      "64 characters", "a".repeat(64),
      "non-ASCII", "wéather",
      "qualified", "builtin:weather",
      "dot", "acme.weather");

  static final Map<String, String> GOOD_SLUGS = table(
      "one letter", "a",
      "one digit", "0",
      "dashes", "a-b-c",
      "63 characters", "x".repeat(63),
      "leading digit", "9lives",
      "trailing dash", "trailing-");

  /** Values that are not source:slug. */
  static final Map<String, String> BAD_QUALIFIED_IDS = table(
      "unqualified", "clock",
      "unknown source", "plugin:clock",
      "empty", "",
      "empty slug", "builtin:",
      "upper-case slug", "builtin:Clock",
      "upper-case source", "BUILTIN:clock",
      "two colons", "builtin:user:clock",
      "leading space", " builtin:clock");

  static final Map<String, String> GOOD_QUALIFIED_IDS = table(
      "user", "user:clock",
      "project", "project:clock-2",
      "builtin", "builtin:" + "c".repeat(63));

  /** Values model APIs refuse as a tool name. */
  static final Map<String, String> BAD_TOOL_NAMES = table(
      "empty", "",
      "space", "get weather",
      "dot", "weather.get",
      "slash", "weather/get",
      "colon", "weather:get",
      "65 characters", "A".repeat(65),
      "non-ASCII", "Prévision",
      "quote", "Say\\\"Hi");

  static final Map<String, String> GOOD_TOOL_NAMES = table(
      "one letter", "A",
      "mixed", "a_b-C9",
      "64 characters", "x".repeat(64),
      "digits", "123",
      "dash", "-",
      "underscore", "_");

  /** Values that are not SemVer 2.0. */
  static final Map<String, String> BAD_VERSIONS = table(
      "major only", "1",
      "no patch", "1.0",
      "v prefix", "v1.0.0",
      "leading zero", "01.0.0",
      "empty pre-release", "1.0.0-",
      "empty build", "1.0.0+",
      "word", "latest",
      "leading space", " 1.0.0",
      "four parts", "1.0.0.0",
      "numeric pre-release with leading zero", "1.0.0-01");

  static final Map<String, String> GOOD_VERSIONS = table(
      "zero", "0.0.0",
      "pre-release", "1.2.3-rc.1",
      "build", "1.2.3+build.7",
      "pre-release and build", "1.0.0-alpha.1+exp.sha.5114f85",
      "two digits", "10.20.30");

  /** Values that are not a version range. */
  static final Map<String, String> BAD_RANGES = table(
      "empty", "",
      "blank", " ",
      "words", "not a range",
      "double comparator", ">>1.0",
      "bare caret", "^",
      "dangling hyphen", "1.0.0 -",
      "arrow", "=>1.0",
      "dangling or", "1.0.0 ||",
      "bare x", "x",
      "x upper bound", "1.0.0 - x",
      "inverted", ">=2.0.0 <1.0.0",
      "trailing word", ">=1.0 <2.0 garbage",
      "word alternative", "^1.2 || banana",
      "tag", "latest");

  static final Map<String, String> GOOD_RANGES = table(
      "x-range", "1.x",
      "tilde", "~1.2.3",
      "lower bound", ">=1.0.0",
      "exact", "1.2.3",
      "any", "*",
      "caret zero", "^0.1",
      "hyphen", "1.0.0 - 2.0.0",
      "union", ">=1.0 <2.0 || >=3.0");

  /** Values that are not a positive ISO-8601 duration. */
  static final Map<String, String> BAD_DURATIONS = table(
      "unit suffix", "30s",
      "zero", "PT0S",
      "zero days", "P0D",
      "negative", "-PT5S",
      "negative part", "PT-5S",
      "bare P", "P",
      "bare PT", "PT",
      "words", "5 minutes",
      "trailing space", "PT1H ");

  static final Map<String, String> GOOD_DURATIONS = table(
      "empty: run once", "",
      "seconds", "PT30S",
      "hours", "PT1H",
      "days", "P1D",
      "fraction", "PT0.5S",
      "mixed", "PT1M30S",
      "days and hours", "P2DT3H");

  /** Reasons a person approving the feature cannot read. */
  static final Map<String, String> BAD_REASONS = table(
      "empty", "",
      "space", " ",
      "tab escape", "\\t");

  /** Control characters in one line of data: an id, name, version, range, duration or scope. */
  static final Map<String, String> CONTROL_IN_LINES = table(
      "escape sequence", "x\\033[2K",
      "line feed", "x\\ny",
      "right-to-left override", "x\\u202Ey");

  /** Control characters in free text (descriptions, reasons), where line feeds and tabs are fine. */
  static final Map<String, String> CONTROL_IN_TEXT = table(
      "escape sequence", "x\\033[2K",
      "carriage return", "x\\ry",
      "line separator", "x\\u2028y");

  /** Per authority kind, scopes outside its grammar (AuthorityScopes). */
  static final List<Map.Entry<String, List<String>>> BAD_SCOPES = List.of(
      Map.entry("STATE_STORE", List.of("../notes", "notes/../../x", ".notes", "my notes")),
      Map.entry("SECRET_REF", List.of("keys/aws", "a:b")),
      Map.entry("SERVICE_ACCESS", List.of("task-store", "plugin:task-store")),
      Map.entry("FILESYSTEM", List.of("srv/**", "/srv/../**", "/srv/")),
      Map.entry("NETWORK", List.of("https://example.org", "Example.org", "example.org:0", "*")),
      Map.entry("MODEL_NOTIFICATION", List.of("all", " ")),
      Map.entry("POD_MANAGEMENT", List.of("manifest")));

  // ---- The invalid corpus. ----

  static List<Case> invalid() {
    List<Case> out = new ArrayList<>();
    // Attribute values, each kind of bad value in every slot of that kind.
    cross(out, BAD_SLUGS, INVALID_ID, FEATURE, "feature.id", "provides.id");
    cross(out, BAD_QUALIFIED_IDS, INVALID_ID, FEATURE, "requires.id", "requires2.id");
    cross(out, BAD_QUALIFIED_IDS, INVALID_ID, SINGLE_REQUESTS, "requires.id");
    cross(out, BAD_TOOL_NAMES, INVALID_TOOL_NAME, FEATURE, "tool.name", "hook.name", "task.name");
    cross(out, BAD_VERSIONS, INVALID_VERSION, FEATURE, "feature.version", "provides.version");
    out.add(bad(FEATURE, "provides.version", "", INVALID_VERSION));
    cross(out, BAD_RANGES, INVALID_VERSION_RANGE, FEATURE, "requires.range", "requires2.range");
    cross(out, BAD_RANGES, INVALID_VERSION_RANGE, SINGLE_REQUESTS, "requires.range");
    cross(out, BAD_DURATIONS, INVALID_DURATION, FEATURE, "task.every");
    cross(out, BAD_REASONS, MISSING_REASON, FEATURE,
        "requires.reason", "requires2.reason", "authority.reason", "authority2.reason");
    cross(out, BAD_REASONS, MISSING_REASON, SINGLE_REQUESTS, "requires.reason", "authority.reason");

    // Text is data: a control character in any declared string, one error on its value, before
    // (and instead of) its grammar's.
    cross(out, CONTROL_IN_LINES, CONTROL_CHARACTER, FEATURE, "feature.id", "feature.name",
        "feature.version", "requires.id", "requires.range", "authority.scope", "tool.name", "hook.name",
        "task.name", "task.every", "provides.id", "provides.version");
    cross(out, CONTROL_IN_TEXT, CONTROL_CHARACTER, FEATURE, "feature.description", "requires.reason",
        "authority.reason", "tool.description", "task.description");
    cross(out, CONTROL_IN_LINES, CONTROL_CHARACTER, SINGLE_REQUESTS, "requires.id");

    // The feature's version from the processor option: absent or not SemVer.
    out.add(bad(FEATURE, "feature.version", "", INVALID_VERSION).withOptions().atLine("@Feature("));
    out.add(bad(FEATURE, "feature.version", "", INVALID_VERSION)
        .withOptions("-Ayoi.version=banana").atLine("@Feature("));
    // A runtime option the processor does not generate: on the first feature it applies to.
    out.add(bad(FEATURE, "feature.version", "1.0.0", INVALID_OPTION)
        .withOptions("-Ayoi.version=1.0.0", "-Ayoi.runtime=wasm").atLine("@Feature("));

    // Scopes: every kind that needs one, written empty or blank, or not written at all.
    for (String kind : List.of("SECRET_REF", "STATE_STORE", "SERVICE_ACCESS")) {
      for (String scope : List.of("", " ")) {
        out.add(bad(FEATURE, "authority.scope", scope, MISSING_SCOPE)
            .with("authority.kind", kind).with("tool.requires", "{}"));
      }
      out.add(bad(SINGLE_REQUESTS, "authority.scope-attribute", "", MISSING_SCOPE)
          .with("authority.kind", kind).atLine("@RequiresAuthority("));
      out.add(bad(SINGLE_REQUESTS, "authority.scope-attribute", "scope = \"\",", MISSING_SCOPE)
          .with("authority.kind", kind));
    }
    out.add(bad(FEATURE, "authority2.scope", "", MISSING_SCOPE));
    // Scopes outside their kind's grammar, and scopes on kinds that take none.
    BAD_SCOPES.forEach(entry -> {
      String kind = entry.getKey();
      List<String> scopes = entry.getValue();
      for (String scope : scopes) {
        out.add(bad(FEATURE, "authority.scope", scope, INVALID_SCOPE)
            .with("authority.kind", kind).with("tool.requires", "{}"));
      }
      out.add(bad(SINGLE_REQUESTS, "authority.scope-attribute", "scope = \"" + scopes.get(0) + "\",",
          INVALID_SCOPE).with("authority.kind", kind));
    });
    out.add(bad(FEATURE, "authority2.scope", "../weather-key", INVALID_SCOPE));

    // A tool requires a kind its feature does not request (it requests NETWORK and SECRET_REF).
    for (String kind : List.of("FILESYSTEM", "MODEL_NOTIFICATION", "POD_MANAGEMENT", "STATE_STORE", "SERVICE_ACCESS")) {
      out.add(bad(FEATURE, "tool.requires", "AuthorityKind." + kind, AUTHORITY_NOT_REQUESTED));
    }
    out.add(bad(FEATURE, "tool.requires", "{AuthorityKind.NETWORK, AuthorityKind.STATE_STORE}",
        AUTHORITY_NOT_REQUESTED));
    // (The scope goes with the kind: a host is not a FILESYSTEM scope.)
    out.add(bad(FEATURE, "authority.kind", "FILESYSTEM", AUTHORITY_NOT_REQUESTED)
        .with("authority.scope", "/srv/**").atSlot("tool.requires"));
    out.add(bad(FEATURE, "authority2.kind", "FILESYSTEM", AUTHORITY_NOT_REQUESTED)
        .with("authority2.scope", "").with("tool.requires", "{AuthorityKind.NETWORK, AuthorityKind.SECRET_REF}")
        .atSlot("tool.requires"));

    // Wrong supertypes: every annotated class implementing nothing, or the wrong thing.
    for (String impl : List.of("", "implements Runnable", "implements Tool<WeatherFeature.Input>")) {
      out.add(bad(FEATURE, "feature.impl", impl, WRONG_SUPERTYPE));
    }
    for (String impl : List.of("", "implements BackgroundTask", "implements Runnable", "implements Clock",
        "implements PreToolCallHook")) {
      out.add(bad(FEATURE, "tool.impl", impl, WRONG_SUPERTYPE));
    }
    for (String impl : List.of("", "implements Tool<Input>", "implements BackgroundTask", "implements Runnable",
        "implements PreRequestHook, PreToolCallHook", "implements PreRequestHook, ToolResultHook",
        "implements PreRequestHook, TurnEndHook", "implements PreToolCallHook, ToolResultHook",
        "implements PreToolCallHook, TurnEndHook", "implements ToolResultHook, TurnEndHook",
        "implements PreRequestHook, PreToolCallHook, ToolResultHook, TurnEndHook")) {
      out.add(bad(FEATURE, "hook.impl", impl, WRONG_SUPERTYPE));
    }
    for (String impl : List.of("", "implements Runnable", "implements Tool<Input>", "implements TurnEndHook")) {
      out.add(bad(FEATURE, "task.impl", impl, WRONG_SUPERTYPE));
    }
    for (String impl : List.of("", "implements Runnable")) {
      out.add(bad(FEATURE, "provides.impl", impl, WRONG_SUPERTYPE).atSlot("provides.type"));
    }
    for (String type : List.of("Runnable.class", "Input.class", "int.class", "String[].class", "void.class")) {
      out.add(bad(FEATURE, "provides.type", type, WRONG_SUPERTYPE));
    }

    // Ownership: a contribution in a file of its own with no owner, or an owner that is no feature.
    for (String[] kind : EXTERNAL_KINDS) {
      out.add(bad(EXTERNAL, "owner", "", ORPHAN_CONTRIBUTION)
          .with("annotation", kind[0]).with("implements", kind[1]).atSlot("implements"));
      for (String owner : List.of("String", "Helper", "Lonely", "Runnable", "Override")) {
        out.add(bad(EXTERNAL, "owner", ", feature = " + owner + ".class", ORPHAN_CONTRIBUTION)
            .with("annotation", kind[0]).with("implements", kind[1]));
      }
      // Nested in a class that is not a feature.
      out.add(bad(HOLDER, "annotation", kind[0] + ")", ORPHAN_CONTRIBUTION)
          .with("implements", kind[1]).atSlot("implements"));
    }

    // Shapes that generated code cannot construct: the feature...
    for (String declaration : List.of(
        "public abstract class ShapeFeature implements FeatureModule",
        "class ShapeFeature implements FeatureModule",
        "public record ShapeFeature(String config) implements FeatureModule")) {
      out.add(bad(FEATURE_SHAPE, "declaration", declaration, NOT_INSTANTIABLE));
    }
    out.add(bad(FEATURE_SHAPE, "declaration", "public interface ShapeFeature extends FeatureModule",
        NOT_INSTANTIABLE).with("body", ""));
    out.add(bad(FEATURE_SHAPE, "declaration", "public @interface ShapeFeature", NOT_INSTANTIABLE).with("body", ""));
    out.add(bad(FEATURE_SHAPE, "declaration", "public enum ShapeFeature implements FeatureModule", NOT_INSTANTIABLE)
        .with("body", "INSTANCE; public void install(InstallContext context) {}"));
    for (String body : List.of(
        "private ShapeFeature() {} public void install(InstallContext context) {}",
        "ShapeFeature() {} public void install(InstallContext context) {}",
        "protected ShapeFeature() {} public void install(InstallContext context) {}",
        "public ShapeFeature(String config) {} public void install(InstallContext context) {}")) {
      out.add(bad(FEATURE_SHAPE, "body", body, NOT_INSTANTIABLE).atSlot("declaration"));
    }
    out.add(bad(FEATURE_SHAPE, "declaration", "public class ShapeFeature", WRONG_SUPERTYPE));
    String inner = "@Feature(id = \"inner\", name = \"Inner\", version = \"1.0.0\")";
    for (String nested : List.of(
        "public class Inner implements FeatureModule { public void install(InstallContext context) {} }",
        "public static class Inner implements FeatureModule { public void install(InstallContext context) {} }",
        "public abstract static class Inner implements FeatureModule {}")) {
      out.add(bad(FEATURE_SHAPE, "nested-feature", nested, NOT_INSTANTIABLE)
          .with("nested-feature-annotation", inner));
    }
    for (String modifiers : List.of("", "public abstract")) {
      out.add(bad(FEATURE, "feature.modifiers", modifiers, NOT_INSTANTIABLE));
    }
    out.add(bad(FEATURE, "feature.ctor", "private WeatherFeature() {}", NOT_INSTANTIABLE).atSlot("feature.impl"));
    // A constructor the generated factory could not call without catching: on the constructor.
    out.add(bad(FEATURE, "feature.ctor", "public WeatherFeature() throws Exception {}", NOT_INSTANTIABLE));
    // ...and contributions no registered object can ever be an instance of exactly.
    for (String[] kind : SHAPE_KINDS) {
      out.add(bad(CONTRIBUTION_SHAPE, "declaration", "public abstract static class Shape " + kind[1],
          NOT_INSTANTIABLE).with("annotation", kind[0]).with("body", ""));
      out.add(bad(CONTRIBUTION_SHAPE, "declaration", "public interface Shape " + kind[1].replace("implements", "extends"),
          NOT_INSTANTIABLE).with("annotation", kind[0]).with("body", ""));
    }
    for (String slot : List.of("tool.modifiers", "hook.modifiers", "task.modifiers", "provides.modifiers")) {
      out.add(bad(FEATURE, slot, "public abstract static", NOT_INSTANTIABLE));
    }

    // Duplicates in one module: the second party (Zulu, sorting after Alpha) is the one reported.
    out.add(bad(DUPLICATES, "zulu.id", "alpha", DUPLICATE_FEATURE));
    out.add(bad(DUPLICATES, "zulu.tool", "Forecast", DUPLICATE_CONTRIBUTION));
    out.add(bad(DUPLICATES, "zulu.tool2", "Lookup", DUPLICATE_CONTRIBUTION));
    out.add(bad(DUPLICATES, "zulu.service", "clock", DUPLICATE_CONTRIBUTION));
    out.add(bad(DUPLICATES, "zulu.hook2", "audit", DUPLICATE_CONTRIBUTION));
    out.add(bad(DUPLICATES, "zulu.hook2", "audit", DUPLICATE_CONTRIBUTION).with("zulu.hook2-point", "PreRequestHook"));
    out.add(bad(DUPLICATES, "zulu.task2", "refresh", DUPLICATE_CONTRIBUTION));

    // Undeclared: a nested class implementing a contribution interface without its annotation...
    for (String type : List.of("Tool<JsonNode>", "PreRequestHook", "PreToolCallHook", "ToolResultHook",
        "TurnEndHook", "BackgroundTask")) {
      out.add(bad(UNDECLARED, "stray", "public static final class Helper implements " + type, UNDECLARED_CONTRIBUTION));
    }
    out.add(bad(UNDECLARED, "deep-stray", "public static final class DeepHelper implements Tool<JsonNode>",
        UNDECLARED_CONTRIBUTION));
    out.add(bad(UNDECLARED, "stray", "private static final class Helper implements BackgroundTask",
        UNDECLARED_CONTRIBUTION));
    // ...and install registering what the feature does not declare.
    for (String registration : List.of(
        "context.tools().register(new Outside.OutsideTool());",
        "context.tools().register((new Outside.OutsideTool()));",
        "context.hooks().register(new Outside.OutsideHook());",
        "context.backgroundTasks().register(new Outside.OutsideTask());",
        "context.services().provide(Clock.class, new Outside.OutsideClock());",
        "context.tools().register(new Tool<JsonNode>() { public ToolResult call(JsonNode i, ToolContext c) { return ToolResult.text(\"\"); } });",
        "context.hooks().register(new TurnEndHook() { public void onTurnEnd(TurnSummary t) {} });",
        "context.backgroundTasks().register(new KnownFeature.Helper());")) {
      Case c = bad(UNDECLARED, "register", registration, UNDECLARED_CONTRIBUTION);
      out.add(registration.contains("Helper") ? c.with("stray", "public static final class Helper implements BackgroundTask").atSlot("stray") : c);
    }

    // Tool inputs with no JSON Schema.
    for (String input : List.of("Object", "String", "Integer", "Plain", "Shape", "Loose", "IntKeys",
        "Generic<Object>", "Wild", "Nested", "Times", "Threads", "Raw", "List<String>",
        "Map<String, String>", "Optional<Good>", "Good[]", "Unit")) {
      out.add(bad(INPUTS, "input", input, UNSUPPORTED_INPUT_TYPE));
    }
    return out;
  }

  /** Annotation head (without its closing parenthesis) and supertype of each contribution kind. */
  private static final List<String[]> EXTERNAL_KINDS = List.of(
      new String[] {"@ToolContribution(name = \"Lonely\", description = \"Alone\"", "implements Tool<JsonNode>"},
      new String[] {"@HookContribution(name = \"lonely\"", "implements TurnEndHook"},
      new String[] {"@BackgroundTaskContribution(name = \"lonely\", description = \"Alone\"", "implements BackgroundTask"},
      new String[] {"@ProvidesService(id = \"lonely\", version = \"1.0.0\", type = Runnable.class", "implements Runnable"});

  /** Annotation and supertype of each contribution kind, for the contribution-shape template. */
  private static final List<String[]> SHAPE_KINDS = List.of(
      new String[] {"@ToolContribution(name = \"Shape\", description = \"A shape\")", "implements Tool<JsonNode>"},
      new String[] {"@HookContribution(name = \"shape\")", "implements TurnEndHook"},
      new String[] {"@BackgroundTaskContribution(name = \"shape\", description = \"A shape\")", "implements BackgroundTask"},
      new String[] {"@ProvidesService(id = \"shape\", version = \"1.0.0\", type = Runnable.class)", "implements Runnable"});

  // ---- The valid corpus: the same templates with every kind of good value. ----

  static List<Case> valid() {
    List<Case> out = new ArrayList<>();
    for (Template t : List.of(FEATURE, SINGLE_REQUESTS, FEATURE_SHAPE, CONTRIBUTION_SHAPE, EXTERNAL, HOLDER,
        DUPLICATES, INPUTS, UNDECLARED)) {
      out.add(defaults(t));
    }
    crossGood(out, GOOD_SLUGS, FEATURE, "feature.id", "provides.id");
    crossGood(out, GOOD_QUALIFIED_IDS, FEATURE, "requires.id", "requires2.id");
    crossGood(out, GOOD_QUALIFIED_IDS, SINGLE_REQUESTS, "requires.id");
    crossGood(out, GOOD_TOOL_NAMES, FEATURE, "tool.name", "hook.name", "task.name");
    crossGood(out, GOOD_VERSIONS, FEATURE, "feature.version", "provides.version");
    out.add(good(FEATURE, "feature.version", ""));
    crossGood(out, GOOD_RANGES, FEATURE, "requires.range");
    crossGood(out, GOOD_RANGES, SINGLE_REQUESTS, "requires.range");
    crossGood(out, GOOD_DURATIONS, FEATURE, "task.every");
    out.add(good(FEATURE, "requires.reason", "Ünïcödé reasons are fine"));
    // Line feeds and tabs are fine in descriptions and reasons (multi-line tool descriptions).
    for (String slot : List.of("feature.description", "requires.reason", "authority.reason",
        "tool.description", "task.description")) {
      out.add(good(FEATURE, slot, "First line.\\n\\tIndented second line."));
    }
    out.add(good(FEATURE, "feature.name", "Wetter für Zürich \u2600 \uD83D\uDC68\u200D\uD83D\uDC69"));
    out.add(good(SINGLE_REQUESTS, "authority.reason", "x"));

    // Every authority kind, with and without a scope where one is optional.
    String[][] authorities = {
        {"FILESYSTEM", ""}, {"FILESYSTEM", "/tmp/**"}, {"FILESYSTEM", "~/notes/*.md"}, {"NETWORK", ""},
        {"NETWORK", "*.example.org:443"}, {"MODEL_NOTIFICATION", ""}, {"POD_MANAGEMENT", ""},
        {"STATE_STORE", "notes"}, {"STATE_STORE", "notes.v2_x"}, {"SECRET_REF", "k"},
        {"SERVICE_ACCESS", "builtin:task-store"}};
    for (String[] a : authorities) {
      out.add(good(FEATURE, "authority.kind", a[0]).with("authority.scope", a[1])
          .with("tool.requires", "AuthorityKind." + a[0]));
      out.add(good(SINGLE_REQUESTS, "authority.kind", a[0])
          .with("authority.scope-attribute", a[1].isEmpty() ? "" : "scope = \"" + a[1] + "\","));
    }
    for (String requires : List.of("{}", "{AuthorityKind.NETWORK, AuthorityKind.SECRET_REF}",
        "AuthorityKind.SECRET_REF", "{AuthorityKind.NETWORK, AuthorityKind.NETWORK}")) {
      out.add(good(FEATURE, "tool.requires", requires));
    }
    for (String hook : List.of("PreRequestHook", "PreToolCallHook", "ToolResultHook", "TurnEndHook",
        "TurnEndHook, Runnable")) {
      out.add(good(FEATURE, "hook.impl", "implements " + hook));
    }
    for (String order : List.of("-5", "Integer.MAX_VALUE", "Integer.MIN_VALUE")) {
      out.add(good(FEATURE, "hook.order", order));
    }
    for (String restart : List.of("NEVER", "ALWAYS")) {
      out.add(good(FEATURE, "task.restart", restart));
    }
    out.add(good(FEATURE, "task.impl", "implements BackgroundTask, Runnable"));
    out.add(good(FEATURE, "provides.privileged", "true"));
    out.add(good(FEATURE, "provides.type", "Runnable.class").with("provides.impl", "implements Clock, Runnable"));
    out.add(good(FEATURE, "feature.modifiers", "public final"));
    out.add(good(FEATURE, "feature.ctor", ""));
    for (String slot : List.of("tool.modifiers", "hook.modifiers", "task.modifiers", "provides.modifiers")) {
      for (String modifiers : List.of("static", "public static", "protected static final", "private static final")) {
        out.add(good(FEATURE, slot, modifiers));
      }
    }

    out.add(good(FEATURE_SHAPE, "declaration", "public record ShapeFeature() implements FeatureModule"));
    out.add(good(FEATURE_SHAPE, "declaration", "public final class ShapeFeature implements FeatureModule"));
    out.add(good(CONTRIBUTION_SHAPE, "declaration", "public enum Shape implements Tool<JsonNode>")
        .with("body", "INSTANCE; public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(\"\"); }"));
    out.add(good(CONTRIBUTION_SHAPE, "declaration", "public record Shape(String unused) implements Tool<JsonNode>"));
    out.add(good(CONTRIBUTION_SHAPE, "declaration", "public static final class Shape<T> implements Tool<JsonNode>"));
    for (String[] kind : SHAPE_KINDS) {
      out.add(good(CONTRIBUTION_SHAPE, "annotation", kind[0])
          .with("declaration", "public static final class Shape " + kind[1])
          .with("body", BODIES.get(kind[1])));
    }
    for (String[] kind : EXTERNAL_KINDS) {
      out.add(good(EXTERNAL, "annotation", kind[0]).with("implements", kind[1]));
    }
    out.add(good(HOLDER, "nested", "public static class Group { @ToolContribution(name = \"Grouped\","
        + " description = \"d\") public static final class Grouped implements Tool<JsonNode> {"
        + " public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(\"\"); } } }"));
    out.add(good(DUPLICATES, "zulu.tool", "forecast"));
    out.add(good(DUPLICATES, "zulu.service", "clock-2"));
    out.add(good(DUPLICATES, "zulu.hook2", "Audit"));

    for (String input : List.of("JsonNode", "Good", "Place", "Everything", "Tree", "Linked", "Generic<String>",
        "Generic<Place>", "Moments")) {
      out.add(good(INPUTS, "input", input));
    }
    for (String registration : List.of(
        "context.services().provide(Clock.class, new KnownClock());",
        "context.hooks().register((new KnownHook()));",
        "TurnEndHook hook = new KnownHook(); context.hooks().register(hook);",
        "context.tools().register((Tool<JsonNode>) (input, ctx) -> ToolResult.text(\"\"));",
        "new Outside.OutsideTool();",
        "")) {
      out.add(good(UNDECLARED, "register", registration));
    }
    for (String stray : List.of("public static final class Helper implements Runnable",
        "public abstract static class Helper implements Tool<JsonNode>")) {
      out.add(good(UNDECLARED, "stray", stray));
    }
    return out;
  }

  private static final Map<String, String> BODIES = Map.of(
      "implements Tool<JsonNode>", "public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(\"\"); }",
      "implements TurnEndHook", "public void onTurnEnd(TurnSummary turn) {}",
      "implements BackgroundTask", "public void run(TaskContext context) {}",
      "implements Runnable", "public void run() {}");

  private static void cross(List<Case> out, Map<String, String> values, DiagnosticCode code, Template t, String... slots) {
    for (String slot : slots) {
      for (String value : values.values()) {
        out.add(bad(t, slot, value, code));
      }
    }
  }

  private static void crossGood(List<Case> out, Map<String, String> values, Template t, String... slots) {
    for (String slot : slots) {
      for (String value : values.values()) {
        out.add(good(t, slot, value));
      }
    }
  }

  /** label, value, label, value, ... in order. */
  private static Map<String, String> table(String... labelsAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      out.put(labelsAndValues[i], labelsAndValues[i + 1]);
    }
    return out;
  }
}
