package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.annotation.AuthorityKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scope grammar of each authority kind, and the index-line check that applies it. */
class AuthorityScopesTest {
  @ParameterizedTest(name = "{0}:{1}")
  @CsvSource(delimiter = '|', value = {
      "STATE_STORE        | notes",
      "STATE_STORE        | a",
      "STATE_STORE        | weather.cache_2-x",
      "SECRET_REF         | weather-api-key",
      "SECRET_REF         | AWS_SECRET_ACCESS_KEY",
      "SERVICE_ACCESS     | builtin:task-store",
      "SERVICE_ACCESS     | project:cache",
      "FILESYSTEM         | ''",
      "FILESYSTEM         | /",
      "FILESYSTEM         | ~",
      "FILESYSTEM         | /tmp/**",
      "FILESYSTEM         | ~/notes/*.md",
      "FILESYSTEM         | /srv/[ab]?/{x,y}",
      "NETWORK            | ''",
      "NETWORK            | api.weather.example",
      "NETWORK            | *.example.org:443",
      "NETWORK            | localhost",
      "NETWORK            | 192.168.0.1:65535",
      "NETWORK            | [2001:db8::1]",
      "NETWORK            | [::1]:8080",
      "MODEL_NOTIFICATION | ''",
      "POD_MANAGEMENT     | ''"})
  void scopesTheHostCanHonourPass(AuthorityKind kind, String scope) {
    assertEquals(Optional.empty(), AuthorityScopes.check(kind, scope));
  }

  @ParameterizedTest(name = "{0}:{1}")
  @CsvSource(delimiter = '|', value = {
      "STATE_STORE        | ../x",
      "STATE_STORE        | a/b",
      "STATE_STORE        | .x",
      "STATE_STORE        | x y",
      "SECRET_REF         | a/b",
      "SECRET_REF         | a:b",
      "SERVICE_ACCESS     | cache",
      "SERVICE_ACCESS     | builtin:Cache",
      "FILESYSTEM         | relative/**",
      "FILESYSTEM         | ' /tmp'",
      "FILESYSTEM         | /tmp/",
      "FILESYSTEM         | /a/./b",
      "FILESYSTEM         | ~user/x",
      "NETWORK            | Example.org",
      "NETWORK            | example..org",
      "NETWORK            | -example.org",
      "NETWORK            | example.org:",
      "NETWORK            | example.org:080",
      "NETWORK            | example.org:70000",
      "NETWORK            | a.*.org",
      "NETWORK            | http://example.org",
      "NETWORK            | ' '",
      "MODEL_NOTIFICATION | all",
      "POD_MANAGEMENT     | ' '"})
  void otherScopesAreInvalidScopes(AuthorityKind kind, String scope) {
    Problem problem = AuthorityScopes.check(kind, scope).orElseThrow();

    assertEquals(DiagnosticCode.INVALID_SCOPE, problem.code());
    assertTrue(problem.detail().startsWith(kind + " scope \"" + scope + "\" "), problem.detail());
  }

  @ParameterizedTest
  @CsvSource({"STATE_STORE,''", "SECRET_REF,' '", "SERVICE_ACCESS,''"})
  void aKindThatIsAlwaysScopedWithoutOneIsAMissingScope(AuthorityKind kind, String scope) {
    Problem problem = AuthorityScopes.check(kind, scope).orElseThrow();

    assertEquals(DiagnosticCode.MISSING_SCOPE, problem.code());
    assertTrue(problem.detail().contains("write scope = \"<"), problem.detail());
  }

  @Test
  void theStoreNameGrammarIsTheOneTheRuntimesStoresAccept() {
    // The runtime's StateStores refuses names outside [A-Za-z0-9][A-Za-z0-9._-]{0,63}.
    assertTrue(AuthorityScopes.check(AuthorityKind.STATE_STORE, "x".repeat(64)).isEmpty());
    assertTrue(AuthorityScopes.check(AuthorityKind.STATE_STORE, "x".repeat(65)).isPresent());
  }

  @Test
  void aHandEditedIndexLineWithAClimbingStoreNameIsCorruptAndTheNextLineStillReads() {
    FeatureDescriptor climbing = withAuthority(new AuthorityRequest(AuthorityKind.STATE_STORE,
        "../notes-a/notes", false, "tries to climb out"));
    String text = IndexFile.writeLine(Samples.line(climbing)) + "\n"
        + IndexFile.writeLine(Samples.line(Samples.weather())) + "\n";

    List<IndexEntry> entries = IndexFile.read("x.jar", text.getBytes(StandardCharsets.UTF_8));

    IndexEntry.Broken broken = assertInstanceOf(IndexEntry.Broken.class, entries.get(0));
    assertEquals(DiagnosticCode.INDEX_CORRUPT, broken.code());
    assertEquals("weather", broken.slug());
    assertTrue(broken.message().contains("the descriptor is invalid: STATE_STORE scope"
        + " \"../notes-a/notes\" is not a store name"), broken.message());
    assertInstanceOf(IndexEntry.Valid.class, entries.get(1));
  }

  @Test
  void anIndexLineWithAScopeOnAWholeKindIsCorrupt() {
    FeatureDescriptor scoped = withAuthority(new AuthorityRequest(AuthorityKind.MODEL_NOTIFICATION,
        "only-nice-things", false, "notes"));

    assertTrue(DescriptorChecks.check(scoped).get(0).startsWith(
        "MODEL_NOTIFICATION scope \"only-nice-things\" means nothing"), DescriptorChecks.check(scoped).toString());
  }

  static FeatureDescriptor withAuthority(AuthorityRequest request) {
    FeatureDescriptor d = Samples.weather();
    return new FeatureDescriptor(d.slug(), d.name(), d.version(), d.description(), d.runtime(),
        d.featureClass(), d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(),
        d.requiredServices(), List.of(request));
  }
}
