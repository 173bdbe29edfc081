package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void objectKeysAreSortedAtEveryLevel() {
    String text = "{\"b\":{\"z\":1,\"a\":[{\"y\":2,\"x\":{\"d\":4,\"c\":3}}]},\"a\":true}";

    assertEquals("{\"a\":true,\"b\":{\"a\":[{\"x\":{\"c\":3,\"d\":4},\"y\":2}],\"z\":1}}",
        CanonicalJson.write(CanonicalJson.parse(text)));
  }

  @Test
  void arraysKeepTheirOrder() {
    assertEquals("[3,1,2,{\"a\":[\"z\",\"a\"]}]", CanonicalJson.write(CanonicalJson.parse("[3,1,2,{\"a\":[\"z\",\"a\"]}]")));
  }

  @Test
  void thereIsNoInsignificantWhitespace() {
    String spaced = "{\n  \"b\" : [ 1 , 2 ],\r\n\t\"a\" : \"two words\"\n}\n";

    assertEquals("{\"a\":\"two words\",\"b\":[1,2]}", CanonicalJson.write(CanonicalJson.parse(spaced)));
  }

  @Test
  void aDescriptorsTextIsKeySortedAndCompact() {
    String text = CanonicalJson.write(Samples.weather());

    assertEquals(text, CanonicalJson.write(CanonicalJson.parse(text)), "already canonical");
    assertFalse(text.contains(" \""), text);
    List<String> topKeys = new ArrayList<>();
    CanonicalJson.parse(text).fieldNames().forEachRemaining(topKeys::add);
    List<String> sorted = new ArrayList<>(topKeys);
    sorted.sort(null);
    assertEquals(sorted, topKeys);
  }

  @Test
  void nonAsciiTextIsWrittenAsUtf8NotEscaped() {
    String text = CanonicalJson.write(CanonicalJson.parse("{\"name\":\"Wetter f\\u00fcr Z\\u00fcrich \\u2600\"}"));

    assertEquals("{\"name\":\"Wetter für Zürich ☀\"}", text);
    assertArrayEquals("{\"name\":\"Wetter für Zürich ☀\"}".getBytes(StandardCharsets.UTF_8),
        text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDescriptorSurvivesItsCanonicalTree() {
    FeatureDescriptor weather = Samples.weather();

    assertEquals(weather, CanonicalJson.toDescriptor(CanonicalJson.toTree(weather)));
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse("{\"a\":1,\"a\":2}"));
  }

  @Test
  void anUnknownDescriptorFieldIsRefused() {
    var tree = CanonicalJson.toTree(Samples.weather());
    tree.put("surprise", true);

    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.toDescriptor(tree));
  }
}
