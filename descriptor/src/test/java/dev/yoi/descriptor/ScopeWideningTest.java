package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.annotation.AuthorityKind;
import org.junit.jupiter.api.Test;

class ScopeWideningTest {
  @Test
  void aPathGlobThatReachesMoreWidensAndOneThatReachesLessDoesNot() {
    assertTrue(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/srv/repos/**", "/**"));
    assertTrue(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/srv/repos/*.git", "/srv/repos/**"));
    assertTrue(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/srv/repos/a?c", "/srv/repos/*"));
    assertTrue(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "~/notes/*.md", "/**"), "home is under /");
    assertTrue(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/srv/repos/**", ""), "no scope is the whole kind");
    assertFalse(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/**", "/srv/repos/**"));
    assertFalse(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/srv/repos/**", "/etc/**"), "elsewhere, not wider");
    assertFalse(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/srv/*", "/srv/*/x"), "one segment is not two");
    assertFalse(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "/srv/**", "/srv/**"));
  }

  @Test
  void aHostThatBecomesItsWildcardOrLosesItsPortWidens() {
    assertTrue(ScopeWidening.widens(AuthorityKind.NETWORK, "api.example.org", "*.example.org"));
    assertTrue(ScopeWidening.widens(AuthorityKind.NETWORK, "example.org", "*.example.org"));
    assertTrue(ScopeWidening.widens(AuthorityKind.NETWORK, "*.api.example.org", "*.example.org"));
    assertTrue(ScopeWidening.widens(AuthorityKind.NETWORK, "api.example.org:443", "api.example.org"));
    assertTrue(ScopeWidening.widens(AuthorityKind.NETWORK, "api.example.org", ""));
    assertFalse(ScopeWidening.widens(AuthorityKind.NETWORK, "*.example.org", "api.example.org"));
    assertFalse(ScopeWidening.widens(AuthorityKind.NETWORK, "api.example.org", "api.example.com"));
    assertFalse(ScopeWidening.widens(AuthorityKind.NETWORK, "api.example.org", "api.example.org:443"));
    assertFalse(ScopeWidening.widens(AuthorityKind.NETWORK, "*.example.org", "*.evilexample.org"));
  }

  @Test
  void aNamedResourceIsNeverWiderThanAnotherAndAnUnreadableScopeCoversOnlyItself() {
    assertFalse(ScopeWidening.widens(AuthorityKind.SECRET_REF, "token", "other-token"));
    assertFalse(ScopeWidening.widens(AuthorityKind.STATE_STORE, "notes", "*"));
    assertFalse(ScopeWidening.widens(AuthorityKind.FILESYSTEM, "relative/path", "/**/**/x/../y"));
    assertTrue(ScopeWidening.covers(AuthorityKind.FILESYSTEM, "relative/path", "relative/path"));
  }
}
