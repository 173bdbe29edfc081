package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** duplicate-feature and duplicate-contribution within one compilation. */
class DuplicateValidatorTest {
  @Test
  void twoFeaturesWithOneIdFailOnTheSecondListingBoth() {
    JavaFileObject a = java("p.A", """
        @Feature(id = "same", name = "A")
        public class A implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    JavaFileObject b = java("p.B", """
        @Feature(name = "B",
            id = "same")
        public class B implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(b, a);
    assertThat(c).hadErrorContaining("[yoi/duplicate-feature] feature id \"same\" is declared 2 times")
        .inFile(b).onLineContaining("id = \"same\"");
    assertThat(c).hadErrorContaining("    same                 p.A\n    same                 p.B\n");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void duplicateToolAcrossFeaturesFailsOnTheSecondDeclaration() {
    JavaFileObject planner = java("p.Planner", """
        @Feature(id = "planner", name = "Planner")
        public class Planner implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(description = "d",
              name = "TaskCreate")
          public static class Create implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    JavaFileObject tasks = java("p.Tasks", """
        @Feature(id = "task-tools", name = "Tasks")
        public class Tasks implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(description = "d",
              name = "TaskCreate")
          public static class TaskCreate implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(planner, tasks);
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] tool \"TaskCreate\" is contributed twice:")
        .inFile(tasks).onLineContaining("name = \"TaskCreate\"");
    // As javac prints it: parties indented by four, the advice by two.
    assertThat(c).hadErrorContaining(""
        + "    planner              p.Planner.Create\n"
        + "    task-tools           p.Tasks.TaskCreate\n"
        + "  Tool names are model-visible and must be unique across all installed features.\n"
        + "  Rename one of them (ToolContribution.name).");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void threeToolsWithOneNameEachLaterOneFailsListingAllThree() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(name = "Same", description = "a")
          static class A implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
          @ToolContribution(name = "Same", description = "b")
          static class B implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
          @ToolContribution(name = "Same", description = "c")
          static class C implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("is contributed 3 times").inFile(src).onLineContaining("description = \"b\"");
    assertThat(c).hadErrorContaining("is contributed 3 times").inFile(src).onLineContaining("description = \"c\"");
    assertThat(c).hadErrorContaining("    f                    p.F.A\n    f                    p.F.B\n    f                    p.F.C");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void twoHooksWithOneNameInAFeatureFailOnTheSecond() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @HookContribution(name = "audit")
          static class A implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
          @HookContribution(order = 2,
              name = "audit") // the second
          static class B implements ToolResultHook { public void afterToolCall(ToolCallView c, ToolResult r) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] hook \"audit\" is contributed twice")
        .inFile(src).onLineContaining("the second");
    assertThat(c).hadErrorContaining("Hook names are unique within a feature.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void hooksWithOneNameInDifferentFeaturesAreFine() {
    JavaFileObject a = java("p.A", """
        @Feature(id = "a", name = "A")
        public class A implements FeatureModule {
          public void install(InstallContext context) { context.hooks().register(new H()); }
          @HookContribution(name = "audit")
          static class H implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
        }
        """);
    JavaFileObject b = java("p.B", """
        @Feature(id = "b", name = "B")
        public class B implements FeatureModule {
          public void install(InstallContext context) { context.hooks().register(new H()); }
          @HookContribution(name = "audit")
          static class H implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
        }
        """);
    assertThat(compile(a, b)).succeededWithoutWarnings();
  }

  @Test
  void twoTasksWithOneNameInAFeatureFailOnTheSecond() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @BackgroundTaskContribution(name = "sync", description = "a")
          static class A implements BackgroundTask { public void run(TaskContext c) {} }
          @BackgroundTaskContribution(description = "b",
              name = "sync")
          static class B implements BackgroundTask { public void run(TaskContext c) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] background task \"sync\" is contributed twice")
        .inFile(src).onLineContaining("name = \"sync\")");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void oneServiceIdProvidedByTwoFeaturesFailsOnTheSecond() {
    JavaFileObject a = java("p.A", """
        @Feature(id = "a", name = "A")
        public class A implements FeatureModule {
          public void install(InstallContext context) {}
          @ProvidesService(id = "store", version = "1.0.0", type = Runnable.class)
          public static class S implements Runnable { public void run() {} }
        }
        """);
    JavaFileObject b = java("p.B", """
        @Feature(id = "b", name = "B")
        public class B implements FeatureModule {
          public void install(InstallContext context) {}
          @ProvidesService(version = "2.0.0", type = Runnable.class,
              id = "store")
          public static class S implements Runnable { public void run() {} }
        }
        """);
    Compilation c = compile(a, b);
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] service \"store\" is provided twice")
        .inFile(b).onLineContaining("id = \"store\"");
    assertThat(c).hadErrorContaining("    a                    p.A.S\n    b                    p.B.S");
    assertThat(c).hadErrorCount(1);
  }
}
