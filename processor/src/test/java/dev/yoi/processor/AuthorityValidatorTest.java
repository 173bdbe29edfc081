package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** authority-not-requested. */
class AuthorityValidatorTest {
  @Test
  void toolRequiringAnUnrequestedKindFailsOnThatRequiresValue() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.NETWORK, reason = "Fetches pages")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(name = "Save", description = "d", requires = {
              AuthorityKind.NETWORK,
              AuthorityKind.FILESYSTEM})
          static class Save implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/authority-not-requested]").inFile(src)
        .onLineContaining("AuthorityKind.FILESYSTEM})");
    assertThat(c).hadErrorContaining("tool \"Save\" (p.F.Save) requires FILESYSTEM, which its feature f");
    assertThat(c).hadErrorContaining("Add @RequiresAuthority(value = AuthorityKind.FILESYSTEM");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void anOptionalScopedRequestSatisfiesTheTool() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "notes", optional = true,
            reason = "Keeps notes")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new Note()); }
          @ToolContribution(name = "Note", description = "d", requires = AuthorityKind.STATE_STORE)
          static class Note implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void aKindRepeatedInRequiresIsReportedOnce() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(name = "Fetch", description = "d",
              requires = {AuthorityKind.NETWORK, AuthorityKind.NETWORK})
          static class Fetch implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[yoi/authority-not-requested]").inFile(src)
        .onLineContaining("requires = {");
    assertThat(c).hadErrorContaining("(it requests none)");
    assertThat(c).hadErrorCount(1);
  }
}
