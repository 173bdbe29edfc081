package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** invalid-id, invalid-tool-name, invalid-version, invalid-version-range, invalid-duration. */
class NameValidatorTest {
  @Test
  void featureIdThatIsNotASlugFailsOnTheIdValue() {
    JavaFileObject src = java("p.Bad", """
        @Feature(id = "Bad_Id",
            name = "Bad")
        public class Bad implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[yoi/invalid-id]").inFile(src).onLineContaining("id = \"Bad_Id\"");
    assertThat(c).hadErrorContaining("@Feature id \"Bad_Id\" is not a slug");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void providedServiceIdThatIsQualifiedFailsOnTheIdValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          public interface Store {}
          @ProvidesService(version = "1.0.0", type = Store.class,
              id = "builtin:store")
          static class StoreImpl implements Store {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-id]").inFile(src).onLineContaining("id = \"builtin:store\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void requiredServiceIdWithoutSourceFailsOnTheIdValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresService(version = "^1.0", type = Runnable.class, reason = "runs",
            id = "task-store")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-id]").inFile(src).onLineContaining("id = \"task-store\"");
    assertThat(c).hadErrorContaining("source:slug");
  }

  @Test
  void toolNameWithSpacesFailsOnTheNameValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(description = "d",
              name = "get weather")
          static class T implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-tool-name]").inFile(src).onLineContaining("name = \"get weather\"");
    assertThat(c).hadErrorContaining("^[A-Za-z0-9_-]{1,64}$");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void hookAndTaskNamesFollowTheToolNameRule() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @HookContribution(
              name = "a.b")
          static class H implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
          @BackgroundTaskContribution(description = "d",
              name = "")
          static class K implements BackgroundTask { public void run(TaskContext c) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-tool-name] hook").inFile(src).onLineContaining("name = \"a.b\"");
    assertThat(c).hadErrorContaining("[yoi/invalid-tool-name] background task").inFile(src).onLineContaining("name = \"\"");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void featureVersionThatIsNotSemVerFailsOnTheVersionValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F",
            version = "1.0")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-version]").inFile(src).onLineContaining("version = \"1.0\"");
    assertThat(c).hadErrorContaining("SemVer 2.0");
  }

  @Test
  void emptyVersionWithoutTheOptionFailsAndSaysHowToPassIt() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(List.of(), src);
    assertThat(c).hadErrorContaining("[yoi/invalid-version]").inFile(src).onLineContaining("@Feature(");
    assertThat(c).hadErrorContaining("-Ayoi.version=");
  }

  @Test
  void emptyVersionTakesAnInvalidOptionAndFailsNamingTheOption() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(List.of("-Ayoi.version=2"), src);
    assertThat(c).hadErrorContaining("[yoi/invalid-version]").inFile(src).onLineContaining("@Feature(");
    assertThat(c).hadErrorContaining("processor option -Ayoi.version \"2\"");
  }

  @Test
  void emptyVersionTakesTheOption() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(List.of("-Ayoi.version=3.1.4-SNAPSHOT"), src);
    assertThat(c).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertTrue(
        Compilations.index(c).contains("\"version\":\"3.1.4-SNAPSHOT\""), Compilations.index(c));
  }

  @Test
  void providedServiceVersionThatIsNotSemVerFailsOnTheVersionValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          public interface Store {}
          @ProvidesService(id = "store", type = Store.class,
              version = "v1")
          static class StoreImpl implements Store {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-version]").inFile(src).onLineContaining("version = \"v1\"");
    assertThat(c).hadErrorCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {">=1.0 <2.0 garbage", "^1.2 || banana", "latest"})
  void aRangeWithAWordSemver4jWouldSkipFailsOnTheVersionValue(String range) {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresService(id = "builtin:store", type = Runnable.class, reason = "runs",
            version = "%s")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """.formatted(range));
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-version-range]").inFile(src).onLineContaining("version = \"" + range + "\"");
    assertThat(c).hadErrorContaining("is not a comparator");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aVersionWithAVPrefixFailsOnTheVersionValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F",
            version = "v1.0.0")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-version]").inFile(src).onLineContaining("version = \"v1.0.0\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void requiredServiceRangeThatDoesNotParseFailsOnTheVersionValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresService(id = "builtin:store", type = Runnable.class, reason = "runs",
            version = "not a range")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-version-range]").inFile(src).onLineContaining("version = \"not a range\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void taskEveryThatIsNotAnIsoDurationFailsOnTheEveryValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @BackgroundTaskContribution(name = "t", description = "d",
              every = "5 minutes")
          static class K implements BackgroundTask { public void run(TaskContext c) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-duration]").inFile(src).onLineContaining("every = \"5 minutes\"");
    assertThat(c).hadErrorContaining("PT5M");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void taskEveryThatIsZeroFails() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @BackgroundTaskContribution(name = "t", description = "d",
              every = "PT0S")
          static class K implements BackgroundTask { public void run(TaskContext c) {} }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-duration]").inFile(src).onLineContaining("every = \"PT0S\"");
  }
}
