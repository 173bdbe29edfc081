package dev.yoi.builtins.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolRulesTest {
  @Test
  void starMatchesAnyRunAndQuestionMarkOneCharacter() {
    ToolRules rules = ToolRules.of(List.of(), List.of("Shell*", "Task?et"));

    assertTrue(rules.refusal("Shell").isPresent());
    assertTrue(rules.refusal("ShellExec").isPresent());
    assertTrue(rules.refusal("TaskGet").isPresent());
    assertEquals(Optional.empty(), rules.refusal("TaskGets"));
    assertEquals(Optional.empty(), rules.refusal("MyShell"));
  }

  @Test
  void everyOtherCharacterMatchesOnlyItself() {
    ToolRules rules = ToolRules.of(List.of(), List.of("a.b", "x-y_z"));

    assertTrue(rules.refusal("a.b").isPresent());
    assertEquals(Optional.empty(), rules.refusal("aXb"));
    assertTrue(rules.refusal("x-y_z").isPresent());
  }

  @Test
  void aDenyGlobRefusesEveryCasingOfTheNamesItCovers() {
    ToolRules rules = ToolRules.of(List.of(), List.of("Shell*"));

    assertTrue(rules.refusal("shell").isPresent());
    assertTrue(rules.refusal("SHELL_EXEC").isPresent());
    assertTrue(rules.refusal("sHeLl").isPresent());
    assertEquals(Optional.empty(), rules.refusal("MyShell"));
  }

  @Test
  void allowAndDenyMatchAlikeSoOneGlobMeansTheSameOnEitherList() {
    ToolRules allowOnly = ToolRules.of(List.of("memory*"), List.of());
    ToolRules denyOnly = ToolRules.of(List.of(), List.of("memory*"));

    for (String name : List.of("MemoryRead", "memorywrite", "MEMORY")) {
      assertEquals(Optional.empty(), allowOnly.refusal(name), name);
      assertTrue(denyOnly.refusal(name).isPresent(), name);
    }
    assertTrue(allowOnly.refusal("TaskList").isPresent());
  }

  @Test
  void theFirstMatchingDenyIsNamed() {
    ToolRules rules = ToolRules.of(List.of("*"), List.of("Memory*", "MemoryDelete"));

    assertEquals(Optional.of("tool \"MemoryDelete\" is denied by the Pod manifest (tools.deny"
        + " \"Memory*\"); deny rules win over allow rules"), rules.refusal("MemoryDelete"));
  }
}
