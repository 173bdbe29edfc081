package dev.yoi.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void wrapsAtSpacesAndCutsOnlyWordsLongerThanTheWidth() {
    assertEquals(List.of("tools: a,", "b, c"), TextTable.wrap("tools: a, b, c", 10));
    assertEquals(List.of("abcdefghij", "klm"), TextTable.wrap("abcdefghijklm", 10));
    assertEquals(List.of("one", "two"), TextTable.wrap("one\ntwo", 10));
  }

  @Test
  void aLongPathOrUrlBreaksAfterASeparatorNotInsideAName() {
    String url = "jar:file:/home/someone/projects/weather-plugin/target/weather-plugin-1.0.0.jar!/META-INF/yoi/features.jsonl";

    var lines = TextTable.wrap(url, 40);

    assertEquals(url, String.join("", lines));
    for (String line : lines.subList(0, lines.size() - 1)) {
      assertTrue(line.endsWith("/"), "broken inside a name: " + lines);
      assertTrue(line.length() <= 40, line);
    }
  }

  @Test
  void aTableThatFitsKeepsEveryColumnWhole() {
    String table = TextTable.render(List.of("A", "B"), List.of(List.of("x", "y y")), 100, List.of(Set.of(1)));

    assertEquals("A  B\nx  y y\n", table);
  }

  @Test
  void theFirstGroupIsNarrowedBeforeTheSecond() {
    String table = TextTable.render(List.of("ID", "TEXT"),
        List.of(List.of("builtin:task-tools", "one two three four five six seven eight nine ten")), 40,
        List.of(Set.of(1), Set.of(0)));

    for (String line : table.split("\n")) {
      assertEquals(true, line.length() <= 40, line);
    }
    assertEquals("builtin:task-tools  one two three four", table.split("\n")[1]);
  }

  @Test
  void aWrappedCellLineGoesOnDeeperSoItCannotPassForAnotherLineOfTheCell() {
    String table = TextTable.render(List.of("ID", "NEEDS"),
        List.of(List.of("project:notes", "needs STATE_STORE:notes with a scope padded to wrap needs NOTHING\n"
            + "needs NETWORK:example.com")), 40, List.of(Set.of(1)));

    List<String> cell = table.lines().skip(1).map(l -> l.substring(15)).toList();
    assertEquals(List.of("needs STATE_STORE:notes", "  with a scope padded to", "  wrap needs NOTHING",
        "needs NETWORK:example.com"), cell);
  }

  @Test
  void hangingIndentsEveryLineButTheFirstAndFitsTheWidth() {
    String text = "word ".repeat(40).strip();

    String out = TextTable.hanging("  - ", "    ", text);

    String[] lines = out.split("\n");
    assertEquals(true, lines[0].startsWith("  - word"), out);
    for (int i = 1; i < lines.length; i++) {
      assertEquals(true, lines[i].startsWith("    word"), out);
    }
    for (String line : lines) {
      assertEquals(true, line.length() <= TextTable.WIDTH, line);
    }
    assertEquals(true, out.endsWith("word\n"), out);
  }
}
