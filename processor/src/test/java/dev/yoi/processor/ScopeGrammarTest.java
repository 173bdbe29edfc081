package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code invalid-scope}: a scope outside its kind's grammar (the descriptor module's
 * {@code AuthorityScopes}, the rule the runtime applies to index lines) fails the build on the
 * scope value, instead of the feature failing when it installs.
 */
class ScopeGrammarTest {
  @ParameterizedTest(name = "{0} scope = \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "STATE_STORE    | ../x                 | is not a store name",
      "STATE_STORE    | notes/../../x        | is not a store name",
      "STATE_STORE    | .hidden              | is not a store name",
      "SECRET_REF     | keys/aws             | is not a secret id",
      "SECRET_REF     | 'two words'          | is not a secret id",
      "SERVICE_ACCESS | task-store           | is not a qualified service id",
      "SERVICE_ACCESS | plugin:task-store    | is not a qualified service id",
      "FILESYSTEM     | srv/repos/**         | is not absolute",
      "FILESYSTEM     | /srv/repos/../../**  | has a '..' segment",
      "FILESYSTEM     | /srv//repos          | has an empty segment",
      "FILESYSTEM     | C:\\Users\\me        | holds '\\'",
      "NETWORK        | https://example.org  | has port",
      "NETWORK        | API.example.org      | is not a host name",
      "NETWORK        | example.org:0        | has port \"0\"",
      "NETWORK        | example.org:99999    | has port \"99999\"",
      "NETWORK        | *                    | is not a host name",
      "MODEL_NOTIFICATION | everything       | takes no scope",
      "POD_MANAGEMENT | manifest             | takes no scope"})
  void aScopeOutsideItsKindsGrammarFailsOnTheScopeValue(String kind, String scope, String why) {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.KIND, reason = "Needs it",
            scope = "SCOPE")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """.replace("KIND", kind).replace("SCOPE", scope.replace("\\", "\\\\")));
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-scope] feature f (p.F), @RequiresAuthority(" + kind)
        .inFile(src).onLineContaining("scope = ");
    assertThat(c).hadErrorContaining(why);
    assertThat(c).hadErrorCount(1);
  }

  @ParameterizedTest(name = "{0} scope = \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "STATE_STORE    | notes",
      "STATE_STORE    | weather.cache_2",
      "SECRET_REF     | AWS_SECRET_ACCESS_KEY",
      "SERVICE_ACCESS | builtin:task-store",
      "FILESYSTEM     | /",
      "FILESYSTEM     | /srv/repos/**",
      "FILESYSTEM     | ~/notes/*.md",
      "FILESYSTEM     | '/Users/me/My Documents/*'",
      "NETWORK        | api.weather.example",
      "NETWORK        | *.example.org",
      "NETWORK        | localhost:8080",
      "NETWORK        | 10.0.0.1:443",
      "NETWORK        | [::1]:8080"})
  void aScopeInItsKindsGrammarCompiles(String kind, String scope) {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.KIND, reason = "Needs it", scope = "SCOPE")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """.replace("KIND", kind).replace("SCOPE", scope));
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @org.junit.jupiter.api.Test
  void theReviewsClimbingStoreNameIsACompileErrorOnItsRequest() {
    // Two requests, so the failing one sits in the repeatable container: still on its own value.
    JavaFileObject src = java("p.Notes", """
        @Feature(id = "notes-b", name = "Notes B")
        @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "notes", reason = "keeps notes")
        @RequiresAuthority(value = AuthorityKind.STATE_STORE, reason = "tries to climb out",
            scope = "../notes-a/notes")
        public class Notes implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/invalid-scope] feature notes-b (p.Notes),"
        + " @RequiresAuthority(STATE_STORE, scope = \"../notes-a/notes\"): STATE_STORE scope"
        + " \"../notes-a/notes\" is not a store name")
        .inFile(src).onLineContaining("scope = \"../notes-a/notes\"");
    assertThat(c).hadErrorCount(1);
  }
}
