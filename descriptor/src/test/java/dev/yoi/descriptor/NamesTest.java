package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "task-tools", "0day", "a23456789012345678901234567890123456789012345678901234567890123"})
  void slugsThatAreValid(String slug) {
    assertEquals(Optional.empty(), Names.checkSlug("id", slug));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Task", "task_tools", "-task", "task tools", "a234567890123456789012345678901234567890123456789012345678901234"})
  void slugsThatAreNot(String slug) {
    assertTrue(Names.checkSlug("@Feature id", slug).orElseThrow().startsWith("@Feature id \"" + slug + "\" is not a slug"));
  }

  @Test
  void aValueThatFailsItsGrammarIsQuotedEscapedInTheMessage() {
    // Not refused as a control character (an invisible tag and a zero-width space), still shown as data.
    String message = Names.checkToolName("tool name", "Fore\uDB40\uDC41cast\u200B\"x").orElseThrow();

    assertTrue(message.startsWith("tool name \"Fore\\uDB40\\uDC41cast\\u200B\\\"x\" is not accepted"), message);
  }

  @Test
  void qualifiedIdsNameASourceAndASlug() {
    assertEquals(Optional.empty(), Names.checkQualifiedId("id", "builtin:task-store"));
    assertEquals(Optional.empty(), Names.checkQualifiedId("id", "project:weather"));
    assertTrue(Names.checkQualifiedId("id", "task-store").isPresent());
    assertTrue(Names.checkQualifiedId("id", "plugin:task-store").isPresent());
    assertTrue(Names.checkQualifiedId("id", "builtin:Task").isPresent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"TaskCreate", "get_weather", "a-b", "x", "A234567890123456789012345678901234567890123456789012345678901234"})
  void toolNamesModelApisAccept(String name) {
    assertEquals(Optional.empty(), Names.checkToolName("tool", name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "get weather", "tool.name", "naïve", "A2345678901234567890123456789012345678901234567890123456789012345"})
  void toolNamesModelApisRefuse(String name) {
    assertTrue(Names.checkToolName("tool", name).isPresent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0", "1.2.3", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha.1+exp.sha.5114f85", "1.2.3+build.7"})
  void versionsThatAreSemVer(String version) {
    assertEquals(Optional.empty(), Names.checkVersion("version", version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "1.0", "v1.0.0", " 1.0.0", "1.0.0 ", "01.0.0", "1.0.0-01", "latest"})
  void versionsThatAreNot(String version) {
    assertTrue(Names.checkVersion("version", version).orElseThrow().contains("is not a SemVer 2.0 version"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"^1.2", ">=1.0 <2.0", "1.x", "~1.2.3", ">=1.0.0", "1.2.3", "=1.2.3", "*", "^0.1",
      "1.0.0 - 2.0.0", ">=1.0 <2.0 || >=3.0", ">= 1.0", "1.2.x || 2.x", "^1.2.3-beta.2", "1"})
  void rangesThatAreValid(String range) {
    assertEquals(Optional.empty(), Names.checkVersionRange("range", range));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", ">=1.0 <2.0 garbage", "^1.2 || banana", "latest", "not a range", ">>1.0",
      "^", "1.0.0 -", "=>1.0", "1.0.0 ||", "|| 1.0.0", "v1.2.3", "1.0 garbage"})
  void rangesThatAreNot(String range) {
    String problem = Names.checkVersionRange("range", range).orElseThrow();
    assertTrue(problem.startsWith("range \"" + range + "\" is not a version range"), problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "1.0.0 - x", ">=2.0.0 <1.0.0"})
  void rangesNoVersionIsIn(String range) {
    String problem = Names.checkVersionRange("range", range).orElseThrow();
    assertTrue(problem.contains("matches no version"), problem);
  }

  @Test
  void satisfiesChecksAVersionAgainstARange() {
    assertTrue(Names.satisfies("1.4.0", "^1.2"));
    assertFalse(Names.satisfies("2.0.0", "^1.2"));
    assertTrue(Names.satisfies("3.1.0", ">=1.0 <2.0 || >=3.0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "PT30S", "PT5M", "PT1H", "P1D"})
  void durationsThatArePositiveIso8601OrEmpty(String every) {
    assertEquals(Optional.empty(), Names.checkDuration("every", every));
  }

  @Test
  void durationsThatAreNot() {
    assertTrue(Names.checkDuration("every", "30s").orElseThrow().contains("is not an ISO-8601 duration"));
    assertTrue(Names.checkDuration("every", "PT0S").orElseThrow().contains("must be a positive duration"));
    assertTrue(Names.checkDuration("every", "-PT1S").orElseThrow().contains("must be a positive duration"));
  }
}
