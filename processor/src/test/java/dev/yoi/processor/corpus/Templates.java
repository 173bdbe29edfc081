package dev.yoi.processor.corpus;

import static dev.yoi.processor.corpus.Template.file;

/**
 * The feature sources the corpus varies. Each is valid with its defaults; every attribute a case
 * may change is a slot on a line of its own, so a case's error has one line to be on.
 */
final class Templates {
  private Templates() {}

  /**
   * Every method a contribution class may need, so that changing what it implements never adds a
   * plain javac error ("does not override abstract method") to the one the case is about.
   */
  private static final String METHODS = """
          public ToolResult call(Input input, ToolContext context) { return ToolResult.text(""); }
          public void run(TaskContext context) {}
          public PreRequestDecision beforeRequest(RequestView request) { return PreRequestDecision.proceed(); }
          public PreToolCallDecision beforeToolCall(ToolCallView call) { return PreToolCallDecision.allow(); }
          public void afterToolCall(ToolCallView call, ToolResult result) {}
          public void onTurnEnd(TurnSummary turn) {}
          public String now() { return "noon"; }
          public void run() {}
      """;

  /** As {@link #METHODS}, for classes whose tool input is free-form. */
  private static final String JSON_METHODS = METHODS.replace("call(Input input", "call(JsonNode input");

  /** A feature with every feature-level attribute, two of each request, and one contribution of each kind. */
  static final Template FEATURE = Template.of("feature", file("p.WeatherFeature", """
      @Feature(
          id = "«feature.id|weather»",
          name = "«feature.name|Weather»",
          version = "«feature.version|1.2.0»",
          description = "«feature.description|Forecasts»")
      @RequiresService(
          id = "«requires.id|builtin:clock»",
          version = "«requires.range|^1.0»",
          type = Runnable.class,
          reason = "«requires.reason|tells the time»")
      @RequiresService(
          id = "«requires2.id|builtin:calendar»",
          version = "«requires2.range|>=1.0 <2.0»",
          type = Runnable.class,
          optional = true,
          reason = "«requires2.reason|knows the dates»")
      @RequiresAuthority(
          value = AuthorityKind.«authority.kind|NETWORK»,
          scope = "«authority.scope|api.weather.example»",
          reason = "«authority.reason|fetches forecasts»")
      @RequiresAuthority(
          value = AuthorityKind.«authority2.kind|SECRET_REF»,
          scope = "«authority2.scope|weather-key»",
          optional = true,
          reason = "«authority2.reason|signs requests»")
      «feature.modifiers|public» class WeatherFeature «feature.impl|implements FeatureModule» {
        «feature.ctor|public WeatherFeature() {}»
        public void install(InstallContext context) {}
        public void run() {}
        public ToolResult call(Input input, ToolContext context) { return ToolResult.text(""); }
        public interface Clock { String now(); }
        public record Input(String city) {}

        @ToolContribution(
            name = "«tool.name|Forecast»",
            description = "«tool.description|The forecast»",
            requires = «tool.requires|AuthorityKind.NETWORK»)
        «tool.modifiers|public static final» class Forecast «tool.impl|implements Tool<Input>» {
      METHODS
        }

        @HookContribution(
            name = "«hook.name|audit»",
            order = «hook.order|10»)
        «hook.modifiers|public static final» class Audit «hook.impl|implements PreToolCallHook» {
      METHODS
        }

        @BackgroundTaskContribution(
            name = "«task.name|refresh»",
            description = "«task.description|Refreshes the cache»",
            every = "«task.every|PT5M»",
            restart = RestartPolicy.«task.restart|ON_FAILURE»)
        «task.modifiers|public static final» class Refresh «task.impl|implements BackgroundTask» {
      METHODS
        }

        @ProvidesService(
            id = "«provides.id|forecast-clock»",
            version = "«provides.version|1.0.0»",
            type = «provides.type|Clock.class»,
            privileged = «provides.privileged|false»)
        «provides.modifiers|public static final» class SystemClock «provides.impl|implements Clock» {
      METHODS
        }
      }
      """.replace("METHODS\n", METHODS)));

  /** One request of each kind, so the annotation is not wrapped in its repeatable container. */
  static final Template SINGLE_REQUESTS = Template.of("single-requests", file("p.NotesFeature", """
      @Feature(id = "notes", name = "Notes", version = "1.0.0")
      @RequiresService(
          id = "«requires.id|builtin:clock»",
          version = "«requires.range|^1.0»",
          type = Runnable.class,
          reason = "«requires.reason|tells the time»")
      @RequiresAuthority(
          «authority.scope-attribute|scope = "notes",»
          reason = "«authority.reason|keeps notes»",
          value = AuthorityKind.«authority.kind|STATE_STORE»)
      public class NotesFeature implements FeatureModule {
        public void install(InstallContext context) {}
      }
      """));

  /** The feature class itself as something other than a public concrete FeatureModule class. */
  static final Template FEATURE_SHAPE = Template.of("feature-shape", file("p.ShapeFeature", """
      public class Outer {
        «nested-feature-annotation|»
        «nested-feature|public static class Plain {}»
      }
      @Feature(id = "shape", name = "Shape", version = "1.0.0")
      «declaration|public class ShapeFeature implements FeatureModule» {
        «body|public void install(InstallContext context) {}»
      }
      """.replace("public class Outer", "final class Outer")));

  /** A contribution class of any kind and shape, nested in a valid feature. */
  static final Template CONTRIBUTION_SHAPE = Template.of("contribution-shape", file("p.ShapesFeature", """
      @Feature(id = "shapes", name = "Shapes", version = "1.0.0")
      public class ShapesFeature implements FeatureModule {
        public void install(InstallContext context) {}

        «annotation|@ToolContribution(name = "Shape", description = "A shape")»
        «declaration|public static final class Shape implements Tool<JsonNode>» {
          «body|public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(""); }»
        }
      }
      """));

  /**
   * A contribution in a file of its own, pointing at its feature with {@code feature = X.class}.
   * {@code Helper} is a plain class, {@code WeatherFeature} the one feature.
   */
  static final Template EXTERNAL = Template.of("external",
      file("p.WeatherFeature", """
          @Feature(id = "weather", name = "Weather", version = "1.0.0")
          public class WeatherFeature implements FeatureModule {
            public void install(InstallContext context) {}
          }
          """),
      file("p.Helper", """
          public class Helper {}
          """),
      file("p.Lonely", """
          «annotation|@ToolContribution(name = "Lonely", description = "Alone"»
              «owner|, feature = WeatherFeature.class»)
          public class Lonely «implements|implements Tool<JsonNode>» {
          METHODS
          }
          """.replace("METHODS\n", JSON_METHODS)));

  /** A contribution nested in a plain class, which is not a feature. */
  static final Template HOLDER = Template.of("holder",
      file("p.WeatherFeature", """
          @Feature(id = "weather", name = "Weather", version = "1.0.0")
          public class WeatherFeature implements FeatureModule {
            public void install(InstallContext context) {}
            «nested|»
          }
          """),
      file("p.Holder", """
          public class Holder {
            «annotation|»
            public static class Held «implements|» {
          METHODS
            }
          }
          """.replace("METHODS\n", JSON_METHODS)));

  /**
   * Two features in one module: {@code AlphaFeature} is fixed and sorts first, so a clash is
   * reported on {@code ZuluFeature}'s value. Within Zulu, the second hook and task sort after the
   * first ones.
   */
  static final Template DUPLICATES = Template.of("duplicates",
      file("p.AlphaFeature", """
          @Feature(id = "alpha", name = "Alpha", version = "1.0.0")
          public class AlphaFeature implements FeatureModule {
            public void install(InstallContext context) {}
            public interface Clock { String now(); }
            @ToolContribution(name = "Forecast", description = "Alpha's forecast")
            public static final class Forecast implements Tool<JsonNode> {
              public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(""); }
            }
            @ProvidesService(id = "clock", version = "1.0.0", type = Clock.class)
            public static final class SystemClock implements Clock {
              public String now() { return "noon"; }
            }
          }
          """),
      file("p.ZuluFeature", """
          @Feature(
              id = "«zulu.id|zulu»",
              name = "Zulu", version = "1.0.0")
          public class ZuluFeature implements FeatureModule {
            public void install(InstallContext context) {}
            public interface Clock { String now(); }
            @ToolContribution(
                name = "«zulu.tool|Lookup»",
                description = "Zulu's lookup")
            public static final class Lookup implements Tool<JsonNode> {
              public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(""); }
            }
            @ToolContribution(
                name = "«zulu.tool2|Search»",
                description = "Zulu's search")
            public static final class Search implements Tool<JsonNode> {
              public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(""); }
            }
            @ProvidesService(
                id = "«zulu.service|zulu-clock»",
                version = "1.0.0", type = Clock.class)
            public static final class ZuluClock implements Clock {
              public String now() { return "midnight"; }
            }
            @HookContribution(name = "audit")
            public static final class AuditA implements TurnEndHook {
              public void onTurnEnd(TurnSummary turn) {}
            }
            @HookContribution(
                name = "«zulu.hook2|audit-again»")
            public static final class AuditB implements «zulu.hook2-point|TurnEndHook» {
          HOOK_METHODS
            }
            @BackgroundTaskContribution(name = "refresh", description = "Refreshes")
            public static final class RefreshA implements BackgroundTask {
              public void run(TaskContext context) {}
            }
            @BackgroundTaskContribution(
                name = "«zulu.task2|refresh-again»",
                description = "Refreshes again")
            public static final class RefreshB implements BackgroundTask {
              public void run(TaskContext context) {}
            }
          }
          """.replace("HOOK_METHODS\n", """
                  public PreRequestDecision beforeRequest(RequestView request) { return PreRequestDecision.proceed(); }
                  public void onTurnEnd(TurnSummary turn) {}
              """)));

  /** A tool whose input type varies; the records it may use are declared next to it. */
  static final Template INPUTS = Template.of("inputs", file("p.InputsFeature", """
      @Feature(id = "inputs", name = "Inputs", version = "1.0.0")
      public class InputsFeature implements FeatureModule {
        public void install(InstallContext context) {}

        public enum Unit { CELSIUS, FAHRENHEIT }
        public record Good(String city) {}
        public record Place(String name, double lat, double lon) {}
        public record Everything(
            String text, boolean flag, Boolean boxedFlag, int count, Integer boxedCount, long big,
            Long boxedBig, double ratio, Double boxedRatio, float small, short tiny, byte octet,
            java.math.BigDecimal exact, java.math.BigInteger huge, Unit unit, Place place,
            List<String> tags, Set<Integer> ids, String[] names, int[] numbers, Map<String, Place> byName,
            Optional<String> note, List<List<Place>> grid,
            @JsonProperty("renamed") @JsonPropertyDescription("A described, renamed field") String original) {}
        public record Tree(String label, List<Tree> children) {}
        public record Linked(String value, Optional<Linked> next) {}
        public static class Plain { public String city; }
        public interface Shape {}
        public record Loose(Object anything) {}
        public record IntKeys(Map<Integer, String> byNumber) {}
        public record Generic<T>(T value) {}
        public record Wild(List<?> items) {}
        public record Nested(Good good, Loose loose) {}
        public record Times(java.util.Date at) {}
        public record Moments(java.time.Instant at, java.time.LocalDate day, java.util.UUID id,
            java.net.URI link, Optional<java.time.Duration> every) {}
        public record Threads(Thread worker) {}
        public record Raw(@SuppressWarnings("rawtypes") List items) {}

        @ToolContribution(name = "Ask", description = "Asks")
        public static final class Ask implements Tool<«input|Good»> {
          public ToolResult call(«input|Good» input, ToolContext context) { return ToolResult.text(""); }
        }
      }
      """));

  /**
   * A feature whose install registers things, and a nested class that may implement a contribution
   * interface without its annotation. {@code Outside*} are top-level classes nobody declares.
   */
  static final Template UNDECLARED = Template.of("undeclared",
      file("p.KnownFeature", """
          @Feature(id = "known", name = "Known", version = "1.0.0")
          public class KnownFeature implements FeatureModule {
            public void install(InstallContext context) {
              context.tools().register(new Known());
              «register|context.hooks().register(new KnownHook());»
            }
            public interface Clock { String now(); }
            @ToolContribution(name = "Known", description = "Known")
            public static final class Known implements Tool<JsonNode> {
              public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(""); }
            }
            @HookContribution(name = "known-hook")
            public static final class KnownHook implements TurnEndHook {
              public void onTurnEnd(TurnSummary turn) {}
            }
            @ProvidesService(id = "known-clock", version = "1.0.0", type = Clock.class)
            public static final class KnownClock implements Clock {
              public String now() { return "noon"; }
            }
            «stray|public static final class Helper» {
          METHODS
            }
            public static class Plain {
              «deep-stray|public static final class DeepHelper» {
          METHODS
              }
            }
          }
          """.replace("METHODS\n", JSON_METHODS)),
      file("p.Outside", """
          public class Outside {
            public static final class OutsideTool implements Tool<JsonNode> {
              public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(""); }
            }
            public static final class OutsideHook implements PreRequestHook {
              public PreRequestDecision beforeRequest(RequestView request) { return PreRequestDecision.proceed(); }
            }
            public static final class OutsideTask implements BackgroundTask {
              public void run(TaskContext context) {}
            }
            public static final class OutsideClock implements KnownFeature.Clock {
              public String now() { return "never"; }
            }
          }
          """));
}
