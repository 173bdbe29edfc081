package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.annotation.AuthorityKind;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AuthorityLabelTest {
  @Test
  void aLabelReadsBackFromTheTextLocksAndReportsHold() {
    for (String text : List.of("MODEL_NOTIFICATION", "STATE_STORE:memory", "SERVICE_ACCESS:builtin:keys",
        "NETWORK:api.example.org:443")) {
      assertEquals(text, AuthorityLabel.parse(text).toString());
    }
    assertEquals(new AuthorityLabel(AuthorityKind.SERVICE_ACCESS, "builtin:keys"),
        AuthorityLabel.parse("SERVICE_ACCESS:builtin:keys"), "the scope is everything after the first colon");
    assertEquals(AuthorityLabel.of(AuthorityKind.FILESYSTEM), AuthorityLabel.parse("FILESYSTEM"));
  }

  @Test
  void aRequestIsLabelledByItsKindAndScope() {
    assertEquals(AuthorityLabel.parse("SECRET_REF:token"),
        new AuthorityRequest(AuthorityKind.SECRET_REF, "token", false, "reads the API").label());
  }

  @Test
  void labelsSortAsTheirTextSoListsKeepTheirOrder() {
    TreeSet<AuthorityLabel> labels = new TreeSet<>(List.of(AuthorityLabel.parse("STATE_STORE:b"),
        AuthorityLabel.parse("NETWORK"), AuthorityLabel.parse("STATE_STORE:a"), AuthorityLabel.parse("FILESYSTEM:/x")));
    assertEquals("[FILESYSTEM:/x, NETWORK, STATE_STORE:a, STATE_STORE:b]", labels.toString());
  }

  @Test
  void aLabelOfNoKnownKindIsRefusedNamingTheKinds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthorityLabel.parse("DISK:/x"));
    assertTrue(e.getMessage().startsWith("\"DISK:/x\" is not an authority label"), e.getMessage());
    assertTrue(e.getMessage().contains("STATE_STORE"), e.getMessage());
  }
}
