package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
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

  /** Text with every kind of character the generator escapes or passes through. */
  static final String AWKWARD = "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u0007"
      + " del \u007f nbsp \u00a0 für ☀ 𝄞 line-sep \u2028";

  static FeatureDescriptor everyComponentSet() {
    return new FeatureDescriptor("every-field", "Name " + AWKWARD, "1.2.3-rc.1+b.7", AWKWARD,
        RuntimeKind.MCP_BRIDGE, "acme.Every",
        List.of(
            new ToolDescriptor("B", AWKWARD, "acme.Every$B", "acme.Every$BIn",
                CanonicalJson.parse("{\"z\":null,\"type\":\"object\",\"$schema\":\"x\",\"a\":[3,1.5,-0.0,1e10,"
                    + "12345678901234567890,2147483648,0.1,true,false,{\"y\":1,\"x\":[{}]}],"
                    + "\"AWK\":" + new ObjectMapper().valueToTree(AWKWARD) + "}"),
                List.of(AuthorityKind.NETWORK, AuthorityKind.FILESYSTEM)),
            new ToolDescriptor("A", "", "acme.Every$A", "com.fasterxml.jackson.databind.JsonNode",
                CanonicalJson.parse("{}"), List.of())),
        List.of(new HookDescriptor("h", HookPoint.TURN_END, -7, "acme.Every$H"),
            new HookDescriptor("g", HookPoint.PRE_REQUEST, Integer.MAX_VALUE, "acme.Every$G")),
        List.of(new TaskDescriptor("t", AWKWARD, "", RestartPolicy.ALWAYS, "acme.Every$T")),
        List.of(new ProvidedService("svc", "2.0.0", "acme.Svc", true, "acme.Every$Svc")),
        List.of(new RequiredService("user:other", ">=1.0 <2.0", "acme.Other", true, AWKWARD)),
        List.of(new AuthorityRequest(AuthorityKind.FILESYSTEM, "/tmp/" + AWKWARD, true, AWKWARD),
            new AuthorityRequest(AuthorityKind.NETWORK, "", false, "r")),
        new McpServer.Stdio(AWKWARD, List.of("b", AWKWARD, ""), "/srv/" + AWKWARD,
            List.of(EnvVariable.literal("Z_" + AWKWARD, AWKWARD), EnvVariable.fromSecret("A", AWKWARD))));
  }

  /** {@link #everyComponentSet()} reached over HTTP instead. */
  static FeatureDescriptor overHttp() {
    FeatureDescriptor d = everyComponentSet();
    return new FeatureDescriptor(d.slug(), d.name(), d.version(), d.description(), d.runtime(),
        d.featureClass(), d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(),
        d.requiredServices(), d.authorities(), new McpServer.StreamableHttp("http://127.0.0.1:1/" + AWKWARD));
  }

  @Test
  void aDescriptorWithoutAServerHasNoServerKey() {
    assertFalse(CanonicalJson.write(Samples.weather()).contains("\"server\""));
    assertFalse(CanonicalJson.toTree(Samples.weather()).has("server"));
  }

  @Test
  void eachServerTransportSurvivesItsCanonicalTree() {
    for (FeatureDescriptor d : List.of(everyComponentSet(), overHttp())) {
      assertEquals(d, CanonicalJson.toDescriptor(CanonicalJson.toTree(d)));
      assertEquals(d, CanonicalJson.toDescriptor(CanonicalJson.parse(CanonicalJson.write(d))));
    }
  }

  @Test
  void aServerNamesItsTransport() {
    assertEquals("stdio", CanonicalJson.toTree(everyComponentSet()).get("server").get("transport").asText());
    assertEquals("streamable_http", CanonicalJson.toTree(overHttp()).get("server").get("transport").asText());
  }

  @Test
  void anUnknownTransportIsRefused() {
    var tree = CanonicalJson.toTree(overHttp());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("server")).put("transport", "carrier_pigeon");

    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.toDescriptor(tree));
  }

  /** Jackson's own serialisation of the sorted bean tree: the reference the writer must match. */
  static String jacksonText(FeatureDescriptor d) throws Exception {
    ObjectMapper plain = new ObjectMapper();
    return plain.writeValueAsString(CanonicalJson.sorted(plain.valueToTree(d)));
  }

  @Test
  void theDescriptorWriterGivesExactlyTheTextOfTheSortedBeanTree() throws Exception {
    for (FeatureDescriptor d : List.of(everyComponentSet(), overHttp(), Samples.weather(), Samples.weather(AWKWARD))) {
      assertEquals(jacksonText(d), CanonicalJson.write(d));
      assertEquals(jacksonText(d), CanonicalJson.write(CanonicalJson.toTree(d)));
    }
  }

  @Test
  void everyNumberAndNullOfATreeIsWrittenAsJacksonWritesIt() throws Exception {
    ObjectMapper plain = new ObjectMapper();
    var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    var tree = f.arrayNode().add(f.numberNode((short) 7)).add(f.numberNode(7)).add(f.numberNode(1L << 40))
        .add(f.numberNode(new java.math.BigInteger("123456789012345678901234567890"))).add(f.numberNode(1.25f))
        .add(f.numberNode(-0.0d)).add(f.numberNode(1e300)).add(f.numberNode(new java.math.BigDecimal("1.50E+3")))
        .add(f.nullNode()).add(f.binaryNode(new byte[] {1, 2, 3, (byte) 0xff})).add(f.pojoNode("pojo"));

    assertEquals(plain.writeValueAsString(tree), CanonicalJson.write(tree));
  }

  @Test
  void everyRecordComponentIsWrittenByTheDescriptorWriter() {
    // A component added to a record must reach the digest: the bean tree has it, so the
    // writer's text would differ (above); this says which one is missing.
    JsonNode tree = CanonicalJson.toTree(everyComponentSet());
    JsonNode written = CanonicalJson.parse(CanonicalJson.write(everyComponentSet()));
    assertEquals(names(FeatureDescriptor.class), names(tree));
    assertEquals(names(tree), names(written));
    for (String list : List.of("authorities", "backgroundTasks", "hooks", "providedServices",
        "requiredServices", "tools")) {
      assertEquals(names(tree.get(list).get(0)), names(written.get(list).get(0)), list);
    }
    assertEquals(names(ToolDescriptor.class), names(written.get("tools").get(0)));
    assertEquals(names(AuthorityRequest.class), names(written.get("authorities").get(0)));
    assertEquals(names(TaskDescriptor.class), names(written.get("backgroundTasks").get(0)));
    assertEquals(names(HookDescriptor.class), names(written.get("hooks").get(0)));
    assertEquals(names(ProvidedService.class), names(written.get("providedServices").get(0)));
    assertEquals(names(RequiredService.class), names(written.get("requiredServices").get(0)));
    java.util.SortedSet<String> stdio = names(McpServer.Stdio.class);
    stdio.add("transport");
    assertEquals(stdio, names(written.get("server")));
    assertEquals(names(tree.get("server")), names(written.get("server")));
    JsonNode variables = written.get("server").get("environment");
    assertEquals(java.util.Set.of("name", "value"), names(variables.get(0)));
    assertEquals(java.util.Set.of("name", "secret"), names(variables.get(1)));
    java.util.SortedSet<String> http = names(McpServer.StreamableHttp.class);
    http.add("transport");
    assertEquals(http, names(CanonicalJson.parse(CanonicalJson.write(overHttp())).get("server")));
  }

  private static java.util.SortedSet<String> names(Class<? extends Record> type) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (var component : type.getRecordComponents()) {
      names.add(component.getName());
    }
    return names;
  }

  private static java.util.SortedSet<String> names(JsonNode node) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
