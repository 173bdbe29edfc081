package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** orphan-contribution, wrong-supertype, not-instantiable. */
class OwnershipValidatorTest {
  private static final String VALID_FEATURE = """
      @Feature(id = "f", name = "F")
      public class F implements FeatureModule {
        public void install(InstallContext context) {}
      }
      """;

  @Test
  void toolNeitherNestedNorPointingAtAFeatureIsAnOrphan() {
    JavaFileObject src = java("p.Lonely", """
        @ToolContribution(name = "Lonely", description = "d")
        public class Lonely implements Tool<JsonNode> {
          public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/orphan-contribution]").inFile(src).onLineContaining("class Lonely");
    assertThat(c).hadErrorContaining("tool \"Lonely\" (p.Lonely) belongs to no feature");
    assertThat(c).hadErrorContaining("feature = YourFeature.class");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void contributionNestedInAPlainClassIsAnOrphan() {
    JavaFileObject src = java("p.Holder", """
        public class Holder {
          @HookContribution(name = "h")
          static class Lonely implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/orphan-contribution] hook \"h\"").inFile(src)
        .onLineContaining("class Lonely");
  }

  @Test
  void featureValueNamingANonFeatureClassFailsOnThatValue() {
    JavaFileObject feature = java("p.F", VALID_FEATURE);
    JavaFileObject src = java("p.Task", """
        @BackgroundTaskContribution(name = "t", description = "d",
            feature = String.class)
        public class Task implements BackgroundTask { public void run(TaskContext c) {} }
        """);
    Compilation c = compile(feature, src);
    assertThat(c).hadErrorContaining("[yoi/orphan-contribution]").inFile(src)
        .onLineContaining("feature = String.class");
    assertThat(c).hadErrorContaining("which is not annotated @Feature");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void featureValueWinsOverTheEnclosingFeature() {
    JavaFileObject other = java("p.Other", """
        @Feature(id = "other", name = "Other")
        public class Other implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @HookContribution(name = "h", feature = Other.class)
          public static class H implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
        }
        """);
    Compilation c = compile(other, src);
    assertThat(c).succeededWithoutWarnings();
    String index = Compilations.index(c);
    org.junit.jupiter.api.Assertions.assertTrue(index.lines().anyMatch(
        l -> l.contains("\"slug\":\"other\"") && l.contains("p.F$H")), index);
  }

  @Test
  void featureClassThatIsNotAFeatureModuleHasTheWrongSupertype() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F {
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/wrong-supertype]").inFile(src).onLineContaining("public class F");
    assertThat(c).hadErrorContaining("does not implement dev.yoi.feature.FeatureModule");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void toolThatIsNotAToolHasTheWrongSupertypeAndNoSchemaComplaint() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(name = "T", description = "d")
          static class NotATool {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/wrong-supertype] tool \"T\"").inFile(src)
        .onLineContaining("class NotATool");
    assertThat(c).hadErrorContaining("implements Tool<I>");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void hookImplementingNoHookInterfaceHasTheWrongSupertype() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @HookContribution(name = "h")
          static class NotAHook {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/wrong-supertype] hook \"h\"").inFile(src)
        .onLineContaining("class NotAHook");
    assertThat(c).hadErrorContaining("implements no hook interface");
  }

  @Test
  void hookImplementingTwoHookInterfacesListsBothSorted() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @HookContribution(name = "h")
          static class Both implements TurnEndHook, PreRequestHook {
            public void onTurnEnd(TurnSummary t) {}
            public PreRequestDecision beforeRequest(RequestView r) { return PreRequestDecision.proceed(); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/wrong-supertype] hook \"h\"").inFile(src)
        .onLineContaining("class Both");
    assertThat(c).hadErrorContaining(
        "implements 2 hook interfaces (dev.yoi.pod.hook.PreRequestHook, dev.yoi.pod.hook.TurnEndHook)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void taskThatIsNotABackgroundTaskHasTheWrongSupertype() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @BackgroundTaskContribution(name = "t", description = "d")
          static class NotATask implements Runnable { public void run() {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/wrong-supertype] background task \"t\"").inFile(src)
        .onLineContaining("class NotATask");
  }

  @Test
  void serviceNotImplementingItsTypeFailsOnTheTypeValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          public interface Store {}
          @ProvidesService(id = "store", version = "1.0.0",
              type = Store.class)
          static class NotAStore {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/wrong-supertype] service \"store\"").inFile(src)
        .onLineContaining("type = Store.class");
    assertThat(c).hadErrorContaining("does not implement its type p.F.Store");
  }

  @Test
  void abstractFeatureIsNotInstantiable() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public abstract class F implements FeatureModule {
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/not-instantiable]").inFile(src).onLineContaining("abstract class F");
    assertThat(c).hadErrorContaining("is abstract");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void packagePrivateFeatureIsNotInstantiable() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/not-instantiable]").inFile(src).onLineContaining("class F implements");
    assertThat(c).hadErrorContaining("is not public");
  }

  @Test
  void featureWithoutAPublicNoArgumentConstructorIsNotInstantiable() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public F(String config) {}
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/not-instantiable]").inFile(src).onLineContaining("public class F");
    assertThat(c).hadErrorContaining("has no public no-argument constructor");
  }

  @Test
  void featureWhoseConstructorThrowsACheckedExceptionIsNotInstantiableOnTheConstructor() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          private final java.nio.file.Path home;
          public F() throws java.io.IOException {
            home = java.nio.file.Path.of(".").toRealPath();
          }
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/not-instantiable]").inFile(src)
        .onLineContaining("public F() throws java.io.IOException");
    assertThat(c).hadErrorContaining("declares throws java.io.IOException");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void featureWhoseConstructorThrowsOnlyUncheckedExceptionsIsInstantiable() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public F() throws IllegalStateException, AssertionError {}
          public void install(InstallContext context) {}
        }
        """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void innerFeatureClassIsNotInstantiable() {
    JavaFileObject src = java("p.Outer", """
        public class Outer {
          @Feature(id = "f", name = "F")
          public class Inner implements FeatureModule {
            public void install(InstallContext context) {}
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/not-instantiable]").inFile(src).onLineContaining("public class Inner");
    assertThat(c).hadErrorContaining("make it static");
  }

  @Test
  void enumFeatureIsNotInstantiable() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public enum F implements FeatureModule {
          INSTANCE;
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/not-instantiable] feature f (p.F) is an enum").inFile(src)
        .onLineContaining("public enum F");
  }

  @Test
  void abstractToolIsNotInstantiable() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(name = "T", description = "d")
          abstract static class Base implements Tool<JsonNode> {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/not-instantiable] tool \"T\"").inFile(src)
        .onLineContaining("abstract static class Base");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nestedPublicStaticFeatureGetsAFlatDescriptorName() {
    JavaFileObject src = java("p.Outer", """
        public class Outer {
          @Feature(id = "inner", name = "Inner")
          public static class Inner implements FeatureModule {
            public void install(InstallContext context) {}
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertTrue(Compilations.descriptorClass(c, "p.Outer_Inner_FeatureDescriptor")
        .contains("new           #") && Compilations.descriptorClass(c, "p.Outer_Inner_FeatureDescriptor")
        .contains("// class p/Outer$Inner"));
    org.junit.jupiter.api.Assertions.assertTrue(Compilations.index(c)
        .contains("\"descriptorClass\":\"p.Outer_Inner_FeatureDescriptor\""));
    org.junit.jupiter.api.Assertions.assertTrue(Compilations.index(c)
        .contains("\"featureClass\":\"p.Outer$Inner\""));
  }

  @Test
  void recordFeatureWithNoComponentsIsInstantiable() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public record F() implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }
}
