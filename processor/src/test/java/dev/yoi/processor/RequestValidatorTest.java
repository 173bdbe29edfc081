package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** missing-reason, missing-scope. */
class RequestValidatorTest {
  @Test
  void blankAuthorityReasonFailsOnTheReasonValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.NETWORK,
            reason = "  ")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/missing-reason]").inFile(src).onLineContaining("reason = \"  \"");
    assertThat(c).hadErrorContaining("@RequiresAuthority(NETWORK)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void blankReasonInOneOfSeveralRepeatedRequestsFailsOnThatRequest() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.NETWORK, reason = "Fetches pages")
        @RequiresAuthority(value = AuthorityKind.FILESYSTEM, scope = "/tmp/**",
            reason = "")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/missing-reason]").inFile(src).onLineContaining("reason = \"\"");
    assertThat(c).hadErrorContaining("@RequiresAuthority(FILESYSTEM, scope = \"/tmp/**\")");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void blankServiceReasonFailsOnTheReasonValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresService(id = "builtin:store", version = "^1", type = Runnable.class,
            reason = "")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/missing-reason]").inFile(src).onLineContaining("reason = \"\"");
    assertThat(c).hadErrorContaining("builtin:store");
  }

  @Test
  void secretRefWithoutScopeFailsOnTheRequest() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(reason = "Reads the API key",
            value = AuthorityKind.SECRET_REF)
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/missing-scope]").inFile(src).onLineContaining("@RequiresAuthority(reason");
    assertThat(c).hadErrorContaining("secret id");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void emptyScopeOnStateStoreFailsOnTheScopeValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.STATE_STORE, reason = "Keeps notes",
            scope = "")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/missing-scope]").inFile(src).onLineContaining("scope = \"\"");
  }

  @Test
  void serviceAccessWithoutScopeFails() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(reason = "Uses the vault",
            value = AuthorityKind.SERVICE_ACCESS)
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/missing-scope]").inFile(src).onLineContaining("@RequiresAuthority(reason");
    assertThat(c).hadErrorContaining("builtin:task-store");
  }

  @Test
  void networkAndFilesystemNeedNoScope() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.NETWORK, reason = "Fetches pages")
        @RequiresAuthority(value = AuthorityKind.FILESYSTEM, reason = "Reads files")
        @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, reason = "Tells the model")
        @RequiresAuthority(value = AuthorityKind.POD_MANAGEMENT, reason = "Reads the manifest")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }
}
