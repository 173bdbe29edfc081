package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text a feature declares is data: the one rule the processor and the index-line checks share,
 * and the index-line side of it (a hand-edited line is corrupt, that line only).
 */
class ControlCharactersTest {
  private static final String SPOOF = "\r\033[2K\033[1A\033[8m";

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x85, 0x9B, 0x9F,
      0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
      0x2028, 0x2029})
  void controlBidiAndSeparatorCharactersAreRefusedInLinesAndText(int c) {
    assertTrue(ControlCharacters.refused(c, false), Integer.toHexString(c));
    assertTrue(ControlCharacters.refused(c, true), Integer.toHexString(c));
  }

  @Test
  void lineFeedAndTabAreFineInTextOnly() {
    for (int c : new int[] {'\n', '\t'}) {
      assertTrue(ControlCharacters.refused(c, false));
      assertFalse(ControlCharacters.refused(c, true));
    }
    assertEquals(Optional.empty(), ControlCharacters.checkText("description", "One.\n\tTwo."));
    assertEquals(DiagnosticCode.CONTROL_CHARACTER,
        ControlCharacters.checkLine("name", "One.\nTwo.").orElseThrow().code());
  }

  @ParameterizedTest
  @ValueSource(ints = {' ', 'é', 0x2600, 0x1F468, 0xFE0F, 0x0301, 0x3000, 0x00A0})
  void printableTextIsFine(int c) {
    assertFalse(ControlCharacters.refused(c, false), Integer.toHexString(c));
    assertFalse(ControlCharacters.refused(c, true), Integer.toHexString(c));
  }

  @ParameterizedTest
  @ValueSource(ints = {0xE0000, 0xE0001, 0xE0002, 0xE001F, 0xE0020, 0xE0041, 0xE0049, 0xE007E, 0xE007F,
      0x200B, 0x2060, 0x2061, 0x2064, 0x206A, 0x206F, 0xFEFF, 0x00AD, 0x180E, 0xFFF9, 0xFFFB, 0x0600,
      0x0890, 0x1343F, 0x1BCA0, 0x1D173})
  void invisibleFormatCharactersAndTheWholeTagBlockAreRefusedInLinesAndText(int c) {
    assertTrue(ControlCharacters.refused(c, false), Integer.toHexString(c));
    assertTrue(ControlCharacters.refused(c, true), Integer.toHexString(c));
    assertTrue(ControlCharacters.escaped(c), "what is refused is escaped wherever it is shown: "
        + Integer.toHexString(c));
  }

  @Test
  void zeroWidthJoinersAreLeftToTheGrammarSoEmojiAndScriptsThatNeedThemStayWritable() {
    for (int c : new int[] {0x200C, 0x200D}) {
      assertFalse(ControlCharacters.refused(c, false), Integer.toHexString(c));
      assertFalse(ControlCharacters.refused(c, true), Integer.toHexString(c));
      assertTrue(ControlCharacters.escaped(c), "shown as an escape all the same: " + Integer.toHexString(c));
    }
    // man, ZWJ, woman, ZWJ, girl: one family emoji
    assertEquals(Optional.empty(), ControlCharacters.checkText("description", "Family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"));
  }

  /**
   * The refused set is a fixed list, so a build and a Pod on different JDKs (different Unicode
   * versions) refuse the same; this fails on a JDK whose Unicode adds a format character the
   * list lacks, which is the time to add it.
   */
  @Test
  void everyFormatCharacterThisJdkKnowsIsRefusedButTheJoiners() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      if (Character.getType(c) == Character.FORMAT) {
        assertEquals(c != 0x200C && c != 0x200D, ControlCharacters.refused(c, false), Integer.toHexString(c));
        assertEquals(c != 0x200C && c != 0x200D, ControlCharacters.refused(c, true), Integer.toHexString(c));
      }
      if (Character.getType(c) == Character.CONTROL) {
        assertTrue(ControlCharacters.refused(c, false), Integer.toHexString(c));
      }
    }
  }

  @Test
  void theProblemNamesAnInvisibleCharacterSoAPersonCanFindIt() {
    Problem problem = ControlCharacters.checkText("description", "Hi\uDB40\uDC49").orElseThrow();

    assertTrue(problem.detail().startsWith("description \"Hi\\uDB40\\uDC49\" holds U+E0049 (TAG LATIN CAPITAL"
        + " LETTER I) at character 3: "), problem.detail());
    assertTrue(ControlCharacters.checkText("description", "\uDB40\uDC00").orElseThrow().detail()
        .contains("holds U+E0000 (an unassigned tag character) at character 1"));
  }

  @Test
  void theProblemNamesTheCharacterAndWhereAndShowsTheValueEscaped() {
    Problem problem = ControlCharacters.checkText("reason", "keeps notes" + SPOOF).orElseThrow();

    assertEquals("reason \"keeps notes\\r\\u001B[2K\\u001B[1A\\u001B[8m\" holds U+000D (CARRIAGE RETURN)"
        + " at character 12: text a feature declares is shown in permission prompts, reports and"
        + " terminals as data and read by the model as written, so it may not hold control or invisible"
        + " format characters (line feeds and tabs are fine); remove it", problem.detail());
    assertTrue(problem.message().chars().noneMatch(c -> c < 0x20), problem.message());
  }

  @Test
  void quoteWritesWhatWasWrittenAndShownLeavesCleanValuesAlone() {
    assertEquals("\"a\\\"b\\\\c\\n\\u202E\"", ControlCharacters.quote("a\"b\\c\n\u202E"));
    assertEquals("weather", ControlCharacters.shown("weather"));
    assertEquals("\"weather\\u001B[2K\"", ControlCharacters.shown("weather\033[2K"));
  }

  // ---- index lines -------------------------------------------------------------------------------

  @Test
  void everyDeclaredStringOfAnIndexLineIsChecked() {
    List<UnaryOperator<ObjectNode>> edits = List.of(
        d -> d.put("name", "Weather" + SPOOF),
        d -> d.put("description", "Weather\u202E"),
        d -> d.put("featureClass", "acme.Weather\n"),
        d -> tool(d).put("description", "The forecast" + SPOOF),
        d -> tool(d).put("inputType", "acme.Input\u001b"),
        d -> ((ObjectNode) d.withArray("backgroundTasks").get(0)).put("description", "Refreshes\r"),
        d -> ((ObjectNode) d.withArray("hooks").get(0)).put("className", "acme.Audit\u0000"),
        d -> ((ObjectNode) d.withArray("providedServices").get(0)).put("type", "acme.F\u2028"),
        d -> ((ObjectNode) d.withArray("requiredServices").get(0)).put("reason", "tells\u001b[8m"),
        d -> ((ObjectNode) d.withArray("authorities").get(0)).put("reason", "live" + SPOOF),
        d -> ((ObjectNode) d.withArray("authorities").get(0)).put("scope", "api.weather.example\r"),
        d -> tool(d).put("description", "The forecast\uDB40\uDC49\uDB40\uDC67\uDB40\uDC6E"),
        d -> d.put("description", "Weather\u200B"),
        d -> tool(d).put("name", "Fore\u200Bcast"));
    for (UnaryOperator<ObjectNode> edit : edits) {
      FeatureDescriptor edited = edited(edit);
      List<String> problems = DescriptorChecks.check(edited);
      assertEquals(1, problems.size(), problems.toString());
      assertTrue(problems.get(0).contains(" holds U+"), problems.get(0));
    }
  }

  @Test
  void aHandEditedLineWithControlCharactersIsCorruptForThatLineOnly() {
    FeatureDescriptor spoofing = edited(d -> ((ObjectNode) d.withArray("authorities").get(0))
        .put("reason", "live data" + SPOOF + "NETWORK:api.weather.example (required)"));
    // The digest is recomputed: the line is consistent, only its text is not data.
    String text = IndexFile.writeLine(Samples.line(spoofing)) + "\n"
        + IndexFile.writeLine(Samples.line(Samples.weather())) + "\n";

    List<IndexEntry> entries = IndexFile.read("x.jar", text.getBytes(StandardCharsets.UTF_8));

    IndexEntry.Broken broken = assertInstanceOf(IndexEntry.Broken.class, entries.get(0));
    assertEquals(DiagnosticCode.INDEX_CORRUPT, broken.code());
    assertEquals("weather", broken.slug());
    assertTrue(broken.message().contains("the descriptor is invalid: reason for NETWORK \"live data\\r\\u001B[2K"),
        broken.message());
    assertTrue(broken.message().chars().noneMatch(c -> c < 0x20), broken.message());
    assertInstanceOf(IndexEntry.Valid.class, entries.get(1));
  }

  @Test
  void aLineFieldWithControlCharactersIsCorruptAndNamesNoFeature() {
    String good = IndexFile.writeLine(Samples.line(Samples.weather()));

    IndexEntry.Broken module = assertInstanceOf(IndexEntry.Broken.class, IndexFile.parseLine("x", 1,
        good.replace("\"module\":\"weather-module\"", "\"module\":\"weather\\u001b[2K\"")).orElseThrow());
    IndexEntry.Broken slug = assertInstanceOf(IndexEntry.Broken.class, IndexFile.parseLine("x", 2,
        good.replaceFirst("\"slug\":\"weather\"", "\"slug\":\"weather\\\\r\\\\u001b[1A\"")).orElseThrow());

    assertTrue(module.message().contains("\"module\" \"weather\\u001B[2K\" holds U+001B (ESCAPE)"), module.message());
    assertEquals("", slug.slug());
    assertTrue(slug.message().chars().noneMatch(c -> c < 0x20), slug.message());
  }

  private static ObjectNode tool(ObjectNode d) {
    return (ObjectNode) d.withArray("tools").get(0);
  }

  /** Samples.weather with one field of its tree changed, read back as a descriptor. */
  private static FeatureDescriptor edited(UnaryOperator<ObjectNode> edit) {
    ObjectNode tree = CanonicalJson.toTree(Samples.weather());
    edit.apply(tree);
    return CanonicalJson.toDescriptor(tree);
  }
}
