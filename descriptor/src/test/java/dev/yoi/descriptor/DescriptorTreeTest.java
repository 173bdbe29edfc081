package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The descriptor is read from its tree by hand ({@link DescriptorTree}), no longer by Jackson's data
 * binding. What the binding accepted it still accepts, as the same records, whenever the line was
 * written by the writer; for an edited tree it is never more lenient: whatever it accepts, the
 * binding (configured as the canonical mapper was) accepts as the same records.
 */
class DescriptorTreeTest {
  /** Jackson's data binding as the canonical mapper was configured to read descriptors. */
  private static final ObjectMapper BINDING = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Values put in place of every field and element of a descriptor's tree. */
  private static final List<Optional<JsonNode>> REPLACEMENTS = List.of(Optional.empty(),
      Optional.of(F.nullNode()), Optional.of(F.numberNode(1)), Optional.of(F.numberNode(-2.5)),
      Optional.of(F.textNode("x")), Optional.of(F.textNode("1")), Optional.of(F.textNode("true")),
      Optional.of(F.textNode("NETWORK")), Optional.of(F.textNode("ALWAYS")), Optional.of(F.textNode("turn-end")),
      Optional.of(F.textNode("builtin")), Optional.of(F.booleanNode(true)), Optional.of(F.arrayNode()),
      Optional.of(F.objectNode()));

  private static Optional<FeatureDescriptor> byHand(JsonNode tree) {
    try {
      return Optional.of(DescriptorTree.read(tree));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<FeatureDescriptor> byBinding(JsonNode tree) {
    try {
      return Optional.of(BINDING.treeToValue(tree, FeatureDescriptor.class));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  @Test
  void everyWrittenDescriptorReadsBackAsTheBindingReadsIt() {
    for (FeatureDescriptor d : List.of(CanonicalJsonTest.everyComponentSet(), Samples.weather(),
        Samples.weather(CanonicalJsonTest.AWKWARD))) {
      JsonNode tree = CanonicalJson.parse(CanonicalJson.write(d));

      assertEquals(d, DescriptorTree.read(tree));
      assertEquals(Optional.of(d), byBinding(tree));
    }
  }

  @Test
  void anEditedTreeIsNeverReadMoreLenientlyThanTheBindingReadIt() {
    ObjectNode original = (ObjectNode) CanonicalJson.parse(CanonicalJson.write(CanonicalJsonTest.everyComponentSet()));
    int accepted = 0;
    int refused = 0;
    for (List<Object> path : paths(original, new ArrayList<>(), new ArrayList<>())) {
      for (Optional<JsonNode> replacement : REPLACEMENTS) {
        ObjectNode edited = original.deepCopy();
        replace(edited, path, replacement);
        Optional<FeatureDescriptor> byHand = byHand(edited);
        if (byHand.isPresent()) {
          accepted++;
          assertEquals(byHand, byBinding(edited), () -> "at " + path + " with " + replacement);
        } else {
          refused++;
        }
      }
    }
    assertTrue(accepted > 100 && refused > 100, accepted + " accepted, " + refused + " refused");
  }

  @Test
  void theMessageNamesTheFieldThatIsWrong() {
    ObjectNode tree = (ObjectNode) CanonicalJson.parse(CanonicalJson.write(CanonicalJsonTest.everyComponentSet()));
    ((ObjectNode) tree.get("hooks").get(1)).put("order", "5");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DescriptorTree.read(tree));
    assertEquals("\"order\" of hooks[1] is not an integer", e.getMessage());

    ((ObjectNode) tree.get("hooks").get(1)).put("order", 5);
    tree.remove("slug");
    assertEquals("the descriptor has no \"slug\"",
        assertThrows(IllegalArgumentException.class, () -> DescriptorTree.read(tree)).getMessage());

    tree.put("slug", "every-field");
    ((ObjectNode) tree.get("tools").get(0)).put("surprise", 1);
    assertEquals("tools[0] has the unknown field \"surprise\"",
        assertThrows(IllegalArgumentException.class, () -> DescriptorTree.read(tree)).getMessage());
  }

  /** Every field and array element of {@code node}, as paths of names and indexes. */
  private static List<List<Object>> paths(JsonNode node, List<Object> at, List<List<Object>> out) {
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        List<Object> child = new ArrayList<>(at);
        child.add(name);
        out.add(child);
        if (!name.equals("inputSchema")) { // the schema is any JSON: nothing in it is checked here
          paths(node.get(name), child, out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<Object> child = new ArrayList<>(at);
        child.add(i);
        out.add(child);
        paths(node.get(i), child, out);
      }
    }
    return out;
  }

  private static void replace(JsonNode root, List<Object> path, Optional<JsonNode> value) {
    JsonNode parent = root;
    for (Object step : path.subList(0, path.size() - 1)) {
      parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
    }
    Object last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object) {
      if (value.isPresent()) {
        object.set((String) last, value.get());
      } else {
        object.remove((String) last);
      }
    } else if (parent instanceof ArrayNode array) {
      if (value.isPresent()) {
        array.set((Integer) last, value.get());
      } else {
        array.remove((Integer) last);
      }
    }
  }
}
