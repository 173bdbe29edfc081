package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** undeclared-contribution: nested classes without their annotation, and install registrations. */
class UndeclaredValidatorTest {
  @Test
  void nestedToolWithoutItsAnnotationFailsOnTheClass() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          static class Sneaky implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] class p.F.Sneaky").inFile(src)
        .onLineContaining("class Sneaky");
    assertThat(c).hadErrorContaining("implements Tool but has no @ToolContribution");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nestedHookAndTaskWithoutTheirAnnotationsFailOnTheirClasses() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          static class Holder {
            static class DeepHook implements PreRequestHook {
              public PreRequestDecision beforeRequest(RequestView r) { return PreRequestDecision.proceed(); }
            }
          }
          static class Loop implements BackgroundTask { public void run(TaskContext c) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("implements PreRequestHook but has no @HookContribution").inFile(src)
        .onLineContaining("class DeepHook");
    assertThat(c).hadErrorContaining("implements BackgroundTask but has no @BackgroundTaskContribution")
        .inFile(src).onLineContaining("class Loop");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void abstractNestedBasesAndInterfacesAreNotContributions() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new Echo()); }
          abstract static class Base<I> implements Tool<I> {}
          interface Marker extends TurnEndHook {}
          @ToolContribution(name = "Echo", description = "d")
          static class Echo extends Base<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void installRegisteringAClassTheFeatureDoesNotDeclareFailsOnTheNewExpression() {
    JavaFileObject tools = java("p.SharedTool", """
        public class SharedTool implements Tool<JsonNode> {
          public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
        }
        """);
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            context.tools().register(
                new SharedTool());
          }
        }
        """);
    Compilation c = compile(tools, src);
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] install of feature f (p.F) registers"
        + " p.SharedTool as a tool").inFile(src).onLineContaining("new SharedTool()");
    assertThat(c).hadErrorContaining("@ToolContribution(..., feature = F.class)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void installRegisteringAToolOfAnotherFeatureFails() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            context.tools().register(new G.Theirs());
          }
        }
        """);
    JavaFileObject other = java("p.G", """
        @Feature(id = "g", name = "G")
        public class G implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new Theirs()); }
          @ToolContribution(name = "Theirs", description = "d")
          public static class Theirs implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src, other);
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] install of feature f (p.F) registers p.G.Theirs")
        .inFile(src).onLineContaining("new G.Theirs()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void installRegisteringAnAnonymousHookFails() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            context.hooks().register(new TurnEndHook() {
              public void onTurnEnd(TurnSummary t) {}
            });
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] install of feature f (p.F) registers an"
        + " anonymous hook class").inFile(src).onLineContaining("new TurnEndHook()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void installProvidingAnUndeclaredServiceFails() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            context.services().provide(Runnable.class, new Job());
          }
          static class Job implements Runnable { public void run() {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("registers p.F.Job as a service").inFile(src)
        .onLineContaining("new Job()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aNestedUndeclaredClassThatInstallRegistersIsReportedOnceOnTheClass() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.backgroundTasks().register(new Loop()); }
          static class Loop implements BackgroundTask { public void run(TaskContext c) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] class p.F.Loop").inFile(src)
        .onLineContaining("class Loop");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aDeclaredToolProvidedAsAServiceFailsOnTheNewExpression() {
    // The registration has the shape the scan reads without javac (context.<kind>().provide(..,
    // new Nested())), but the class is declared for another kind: it goes to the attributed check.
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            context.tools().register(new Echo());
            context.services().provide(Runnable.class,
                new Echo() /* provided */);
          }
          @ToolContribution(name = "Echo", description = "d")
          static class Echo implements Tool<JsonNode>, Runnable {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
            public void run() {}
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] install of feature f (p.F) registers"
        + " p.F.Echo as a service, but the feature declares no @ProvidesService").inFile(src)
        .onLineContaining("/* provided */");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void registrationsThroughAnotherReceiverThanTheInstallParameterAreStillChecked() {
    JavaFileObject tools = java("p.SharedTool", """
        public class SharedTool implements Tool<JsonNode> {
          public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
        }
        """);
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            dev.yoi.feature.ToolRegistrar registrar = context.tools();
            registrar.register(new SharedTool() /* one */);
            InstallContext same = context;
            same.tools().register(new SharedTool() /* two */);
            context.tools().register(new Echo());
          }
          @ToolContribution(name = "Echo", description = "d")
          static class Echo implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(tools, src);
    assertThat(c).hadErrorContaining("registers p.SharedTool as a tool").inFile(src).onLineContaining("/* one */");
    assertThat(c).hadErrorContaining("registers p.SharedTool as a tool").inFile(src).onLineContaining("/* two */");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void registrationsTheProcessorCannotResolveAreLeftToTheRuntime() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          private final java.util.function.Supplier<Tool<?>> factory = () -> null;
          public void install(InstallContext context) {
            context.tools().register(factory.get());
            Tool<?> t = make();
            context.tools().register(t);
          }
          private Tool<?> make() { return null; }
        }
        """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void declaredRegistrationsIncludingOnesFromOtherFilesPass() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            context.tools().register((new Echo()));
            context.hooks().register(new Outside());
          }
          @ToolContribution(name = "Echo", description = "d")
          static class Echo implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    JavaFileObject outside = java("p.Outside", """
        @HookContribution(name = "outside", feature = F.class)
        public class Outside implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
        """);
    assertThat(compile(src, outside)).succeededWithoutWarnings();
  }

  @Test
  void withoutTheTreesApiTheInstallScanIsSkippedAndTheRestStillRuns() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new Shared()); }
          static class Loop implements BackgroundTask { public void run(TaskContext c) {} }
        }
        """);
    JavaFileObject shared = java("p.Shared", """
        public class Shared implements Tool<JsonNode> {
          public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
        }
        """);
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new WrappedEnvironment(new FeatureProcessor()))
        .withOptions("-Ayoi.version=1.0.0")
        .compile(src, shared);
    // The nested-class half needs no Trees; the registration of Shared is left to the runtime.
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] class p.F.Loop").inFile(src)
        .onLineContaining("class Loop");
    assertThat(c).hadErrorCount(1);
  }

  /**
   * The install scan has javac attribute registrations it cannot read from the syntax; a record
   * with a compact constructor in the same file must still compile (javac attributes it again).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "context.tools().register(new Lookup());",
      "var registrar = context.tools(); registrar.register(new Lookup());",
      "Lookup tool = new Lookup(); context.tools().register(tool);",
      "context.tools().register(lookup());",
      "context.tools().register(new Lookup()); context.hooks().register(new TurnEndHook() {"
          + " public void onTurnEnd(TurnSummary t) {} });"})
  void aToolInputRecordWithACompactConstructorCompiles(String install) {
    JavaFileObject nested = java("p.F", featureWith(install, """
        public record Input(String city) {
          public Input {
            if (city.isBlank()) { throw new IllegalArgumentException("city"); }
          }
        }
        """, "Lookup.Input"));
    JavaFileObject topLevel = java("p.F", featureWith(install, "", "Input") + """
        record Input(String city) {
          Input {
            if (city.isBlank()) { throw new IllegalArgumentException("city"); }
          }
        }
        """);
    JavaFileObject elsewhere = java("p.Input", """
        public record Input(String city) {
          public Input {
            if (city.isBlank()) { throw new IllegalArgumentException("city"); }
          }
        }
        """);
    boolean anonymous = install.contains("TurnEndHook");
    for (JavaFileObject[] sources : List.of(new JavaFileObject[] {nested},
        new JavaFileObject[] {topLevel}, new JavaFileObject[] {java("p.F", featureWith(install, "", "Input")), elsewhere})) {
      Compilation c = compile(sources);
      if (anonymous) {
        assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] install of feature f (p.F) registers an"
            + " anonymous hook class").inFile(sources[0]).onLineContaining("new TurnEndHook()");
        assertThat(c).hadErrorCount(1);
      } else {
        assertThat(c).succeededWithoutWarnings();
      }
    }
  }

  @Test
  void anUndeclaredRegistrationNextToARecordStillFailsOnTheNewExpression() {
    JavaFileObject tools = java("p.SharedTool", """
        public class SharedTool implements Tool<JsonNode> {
          public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
        }
        """);
    JavaFileObject src = java("p.F", featureWith("""
        var registrar = context.tools();
        registrar.register(new Lookup());
        registrar.register(
            new SharedTool());
        """, """
        record Input(String city) {
          Input {
            if (city.isBlank()) { throw new IllegalArgumentException("city"); }
          }
        }
        """, "Lookup.Input"));
    Compilation c = compile(tools, src);
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] install of feature f (p.F) registers"
        + " p.SharedTool as a tool").inFile(src).onLineContaining("new SharedTool()");
    assertThat(c).hadErrorCount(1);
  }

  /** A feature {@code p.F} whose install runs {@code install}, with a tool Lookup taking {@code input}. */
  private static String featureWith(String install, String inputDeclaration, String input) {
    return """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {
            %s
          }
          static Lookup lookup() { return new Lookup(); }
          @ToolContribution(name = "Lookup", description = "d")
          static class Lookup implements Tool<%s> {
            public ToolResult call(%s in, ToolContext ctx) { return ToolResult.text(in.city()); }
            %s
          }
        }
        """.formatted(install, input, input, inputDeclaration.indent(4));
  }

  /**
   * Hands the processor a wrapped ProcessingEnvironment, as Gradle's incremental processing does;
   * {@code Trees.instance} refuses anything but javac's own.
   */
  private static final class WrappedEnvironment implements Processor {
    private final Processor delegate;

    WrappedEnvironment(Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void init(ProcessingEnvironment env) {
      delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
            try {
              return method.invoke(env, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }));
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends javax.annotation.processing.Completion> getCompletions(
        javax.lang.model.element.Element element, javax.lang.model.element.AnnotationMirror mirror,
        javax.lang.model.element.ExecutableElement member, String userText) {
      return delegate.getCompletions(element, mirror, member, userText);
    }
  }
}
