package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One catalogue, one formatter: problems travel typed and are tagged once, where they become text. */
class DiagnosticCodeTest {
  @Test
  void aProblemIsTaggedByItsCodeOnce() {
    Problem problem = DiagnosticCode.INVALID_SCOPE.problem("STATE_STORE scope \"../x\" is not a store name");

    assertEquals("[yoi/invalid-scope] STATE_STORE scope \"../x\" is not a store name", problem.message());
    assertEquals(DiagnosticCode.INVALID_SCOPE.format(problem.detail()), problem.message());
    assertEquals("[yoi/invalid-scope] a: b.", problem.prefixed("a: ").suffixed(".").message()
        .replace("STATE_STORE scope \"../x\" is not a store name", "b"));
  }

  @Test
  void aBrokenIndexLineCarriesItsProblemUntaggedSoNoCallerHasToGuess() {
    String good = IndexFile.writeLine(Samples.line(Samples.weather()));
    String text = "{ not json\n"
        + good.replace("{\"format\":1,", "{\"format\":2,") + "\n"
        + good.replace("The forecast", "A forecast") + "\n";

    List<IndexEntry> entries = IndexFile.read("x.jar", text.getBytes(StandardCharsets.UTF_8));

    assertEquals(3, entries.size());
    List<DiagnosticCode> codes = List.of(DiagnosticCode.INDEX_CORRUPT, DiagnosticCode.INDEX_FORMAT,
        DiagnosticCode.DIGEST_MISMATCH);
    for (int i = 0; i < 3; i++) {
      IndexEntry.Broken broken = (IndexEntry.Broken) entries.get(i);
      assertEquals(codes.get(i), broken.code());
      assertFalse(broken.problem().detail().startsWith("["), broken.problem().detail());
      assertTrue(broken.message().startsWith(codes.get(i).tag() + " "), broken.message());
      assertTrue(broken.message().contains("index line " + (i + 1) + " of x.jar"), broken.message());
      assertEquals(1, broken.message().split("\\[yoi/", -1).length - 1, broken.message());
    }
  }

  @Test
  void codesAreUniqueAndReadBackByTheirText() {
    for (DiagnosticCode code : DiagnosticCode.values()) {
      assertEquals(code, DiagnosticCode.of(code.code()));
      assertEquals("[" + code.code() + "]", code.tag());
      assertFalse(code.summary().isBlank(), code.code());
    }
    assertTrue(DiagnosticCode.buildTime().contains(DiagnosticCode.CONTROL_CHARACTER));
    assertFalse(DiagnosticCode.buildTime().contains(DiagnosticCode.INDEX_CORRUPT));
  }
}
