package dev.yoi.cli.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.cli.text.TerminalJson;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.feature.Diagnostic;

/**
 * The JSON form of an inventory, stable for scripts:
 * {@code {"features":[{"id","source","slug","version","digest","module","descriptorClass",
 * "location","line","descriptor"}],"problems":[{"code","severity","featureId","message"}]}}.
 */
public final class InventoryJson {
  /** Writes indented JSON that is safe to print on a terminal ({@link TerminalJson}). */
  public static final ObjectMapper MAPPER =
      TerminalJson.escaping(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());

  private InventoryJson() {}

  public static ObjectNode of(Inventory inventory) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode features = root.putArray("features");
    for (FoundFeature feature : inventory.features()) {
      ObjectNode node = features.addObject();
      node.put("id", feature.id());
      node.put("source", feature.source().prefix());
      node.put("slug", feature.line().slug());
      node.put("version", feature.descriptor().version());
      node.put("digest", feature.line().digest());
      node.put("module", feature.line().module());
      node.put("descriptorClass", feature.line().descriptorClass());
      node.put("location", feature.location());
      node.put("line", feature.lineNumber());
      node.set("descriptor", CanonicalJson.toTree(feature.descriptor()));
    }
    root.set("problems", problems(inventory));
    return root;
  }

  public static ArrayNode problems(Inventory inventory) {
    ArrayNode problems = MAPPER.createArrayNode();
    for (Diagnostic problem : inventory.problems()) {
      ObjectNode node = problems.addObject();
      node.put("code", problem.code());
      node.put("severity", problem.severity().name());
      node.put("featureId", problem.featureId());
      node.put("message", problem.message());
    }
    return problems;
  }

  public static String write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }
}
