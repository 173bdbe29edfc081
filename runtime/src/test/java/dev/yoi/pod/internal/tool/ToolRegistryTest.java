package dev.yoi.pod.internal.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.pod.ToolDefinition;
import dev.yoi.pod.fixture.Contributions;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {
  static final String ANY = "{\"type\":\"object\"}";
  static final Tool<JsonNode> ECHO = (input, context) -> ToolResult.text(input.toString());

  final ToolRegistry tools = new ToolRegistry();

  @Test
  void definitionsAreListedSortedByNameAndLookedUpByName() {
    tools.commit(Contributions.of("builtin:task-tools")
        .tool("TaskList", ANY, JsonNode.class, ECHO)
        .tool("TaskCreate", ANY, JsonNode.class, ECHO)
        .build());
    tools.commit(Contributions.of("project:weather").tool("Forecast", ANY, JsonNode.class, ECHO).build());

    assertEquals(List.of("Forecast", "TaskCreate", "TaskList"), tools.names());
    ToolDefinition forecast = tools.definition("Forecast").orElseThrow();
    assertEquals("project:weather", forecast.featureId());
    assertEquals("the Forecast tool", forecast.description());
    assertEquals(Contributions.json(ANY), forecast.inputSchema());
    assertEquals(Optional.empty(), tools.definition("forecast"));
  }

  @Test
  void aDuplicateNameIsRefusedNamingBothFeaturesAndNothingOfTheSecondFeatureIsAdded() {
    tools.commit(Contributions.of("project:weather").tool("Forecast", ANY, JsonNode.class, ECHO).build());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tools.commit(Contributions.of("user:other")
            .tool("Alpha", ANY, JsonNode.class, ECHO)
            .tool("Forecast", ANY, JsonNode.class, ECHO)
            .build()));

    assertTrue(e.getMessage().contains("project:weather, user:other"), e.getMessage());
    assertEquals(List.of("Forecast"), tools.names());
  }

  @Test
  void aSchemaIsNotCompiledAtCommitSoOneThatDoesNotCompileIsListedAndBrokenOnlyWhenCalled() {
    tools.commit(Contributions.of("user:bad")
        .tool("Bad", "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/Missing\"}}}",
            JsonNode.class, ECHO)
        .build());

    assertEquals(List.of("Bad"), tools.names());
    InputSchema.Outcome compiled = tools.lookup("Bad").schema().compiled();
    assertTrue(compiled instanceof InputSchema.Broken, compiled.toString());
  }

  @Test
  void eachToolIsValidatedAgainstItsOwnSchemaEvenWhenTheirDefinitionsShareNames() {
    ToolInvoker invoker = new ToolInvoker(tools, new dev.yoi.pod.internal.hook.HookRegistry(d -> {}),
        dev.yoi.pod.history.History.inMemory(), f -> (level, message) -> {}, d -> {});
    tools.commit(Contributions.of("user:a")
        .tool("A", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"item":{"$ref":"#/$defs/Item"}},"required":["item"],"additionalProperties":false,
             "$defs":{"Item":{"type":"object","properties":{"n":{"type":"string"}},"required":["n"],
                              "additionalProperties":false}}}""", JsonNode.class, ECHO)
        .build());
    tools.commit(Contributions.of("user:b")
        .tool("B", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"item":{"$ref":"#/$defs/Item"}},"required":["item"],"additionalProperties":false,
             "$defs":{"Item":{"type":"object","properties":{"k":{"type":"integer"}},"required":["k"],
                              "additionalProperties":false}}}""", JsonNode.class, ECHO)
        .build());

    assertEquals(false, invoker.call("A", "{\"item\":{\"n\":\"x\"}}").isError());
    assertEquals(false, invoker.call("B", "{\"item\":{\"k\":1}}").isError());
    assertEquals(true, invoker.call("A", "{\"item\":{\"k\":1}}").isError());
    assertEquals(true, invoker.call("B", "{\"item\":{\"n\":\"x\"}}").isError());
  }

  @Test
  void aSealedRegistryRefusesCommits() {
    tools.seal();
    assertThrows(IllegalStateException.class,
        () -> tools.commit(Contributions.of("user:late").tool("Late", ANY, JsonNode.class, ECHO).build()));
  }

  @Test
  void definitionsCannotBeChangedThroughTheirSchema() {
    tools.commit(Contributions.of("project:weather").tool("Forecast", ANY, JsonNode.class, ECHO).build());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tools.definitions().get(0).inputSchema()).put("type", "array");
    assertEquals(Contributions.json(ANY), tools.definitions().get(0).inputSchema());
  }
}
