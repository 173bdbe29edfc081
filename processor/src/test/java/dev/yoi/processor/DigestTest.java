package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.testing.compile.Compilation;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.GeneratedFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The digest in the index line, the generated DIGEST constant and an independent recomputation all
 * agree. The recomputation shares no code with the descriptor module: its own mapper sorts map keys,
 * its own MessageDigest hashes.
 */
class DigestTest {
  private static final ObjectMapper INDEPENDENT =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  @Test
  void indexDigestGeneratedDigestAndAnIndependentRecomputationAgree() throws Exception {
    for (String[] feature : List.of(
        new String[] {"com.acme.weather.WeatherFeature_FeatureDescriptor"},
        new String[] {"com.acme.meteo.MeteoFeature_FeatureDescriptor"})) {
      Compilation c = feature[0].contains("meteo")
          ? Compilations.compile(Compilations.resources("com/acme/meteo", "MeteoFeature"))
          : Compilations.compile(Compilations.weather());
      assertThat(c).succeededWithoutWarnings();
      String line = Compilations.index(c).lines().findFirst().orElseThrow();
      JsonNode parsed = INDEPENDENT.readTree(line);
      String lineDigest = parsed.get("digest").asText();

      String recomputed = sha256(canonical(parsed.get("descriptor")));
      assertEquals(recomputed, lineDigest, "index line digest of " + feature[0]);

      GeneratedFeature generated = (GeneratedFeature) new GeneratedClasses(c)
          .loadClass(feature[0]).getConstructor().newInstance();
      assertEquals(recomputed, generated.digest(), "DIGEST of " + feature[0]);
      assertEquals(recomputed, Digests.of(descriptorOf(generated)), "descriptorJson() of " + feature[0]);
      assertEquals(recomputed, generated.getClass().getField("DIGEST").get(null));
    }
  }

  /**
   * A descriptor whose canonical text is longer than one class-file constant holds (65,535 bytes of
   * modified UTF-8; here 3 bytes a char) is assembled at class initialisation, and a feature nested
   * two levels deep is constructed through its binary name: both load and run as the runtime does.
   */
  @Test
  void aDescriptorBeyondOneConstantAndADeeplyNestedFeatureLoadAndCreate() throws Exception {
    StringBuilder tools = new StringBuilder();
    StringBuilder registrations = new StringBuilder();
    String wide = "\u2600".repeat(1_000); // 3 bytes each: 3,000 bytes per description
    for (int i = 0; i < 30; i++) {
      tools.append("      @ToolContribution(name = \"T").append(i).append("\", description = \"").append(wide)
          .append("\")\n      public static final class T").append(i).append(" implements Tool<JsonNode> {\n")
          .append("        public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(\"ok\"); }\n")
          .append("      }\n");
      registrations.append("        context.tools().register(new T").append(i).append("());\n");
    }
    JavaFileObject src = Compilations.java("p.Outer", """
        public class Outer {
          public static class Middle {
            @Feature(id = "deep", name = "Deep")
            public static final class Deep implements FeatureModule {
              public void install(InstallContext context) {
        """ + registrations + """
              }
        """ + tools + """
            }
          }
        }
        """);
    Compilation c = Compilations.compile(src);
    assertThat(c).succeededWithoutWarnings();
    IndexEntry.Valid entry = (IndexEntry.Valid) IndexFile.read("test",
        Compilations.index(c).getBytes(StandardCharsets.UTF_8)).get(0);
    assertEquals("p.Outer_Middle_Deep_FeatureDescriptor", entry.line().descriptorClass());
    String json = CanonicalJson.write(entry.line().descriptor());
    assertTrue(json.getBytes(StandardCharsets.UTF_8).length > 65_535, "long enough: " + json.length());

    Class<?> type = new GeneratedClasses(c).loadClass(entry.line().descriptorClass());
    GeneratedFeature generated = (GeneratedFeature) type.getConstructor().newInstance();
    assertEquals(json, generated.descriptorJson());
    assertEquals(json, type.getField("DESCRIPTOR_JSON").get(null));
    assertEquals(entry.line().digest(), Digests.ofCanonicalJson(generated.descriptorJson()));
    assertEquals("p.Outer$Middle$Deep", generated.create().getClass().getName());
    assertEquals("T29", type.getField("TOOL_T29").get(null));
  }

  @Test
  void generatedDescriptorEqualsTheIndexLineDescriptorAndCreatesTheFeature() throws Exception {
    Compilation c = Compilations.compile(Compilations.weather());
    IndexEntry.Valid entry = (IndexEntry.Valid) IndexFile.read("test",
        Compilations.index(c).getBytes(StandardCharsets.UTF_8)).get(0);
    ClassLoader loader = new GeneratedClasses(c);
    GeneratedFeature generated = (GeneratedFeature) loader
        .loadClass(entry.line().descriptorClass()).getConstructor().newInstance();
    assertEquals(entry.line().descriptor(), descriptorOf(generated));
    assertEquals("weather", generated.getClass().getField("SLUG").get(null));
    FeatureModule module = generated.create();
    assertEquals("com.acme.weather.WeatherFeature", module.getClass().getName());
    assertEquals(entry.line().descriptor().featureClass(), module.getClass().getName());
    // The runtime matches registered objects by class name: the names must load.
    for (var tool : descriptorOf(generated).tools()) {
      assertEquals(tool.className(), loader.loadClass(tool.className()).getName());
    }
    for (var hook : descriptorOf(generated).hooks()) {
      assertEquals(hook.className(), loader.loadClass(hook.className()).getName());
    }
  }

  @Test
  void digestChangesWhenTheSchemaChanges() {
    Compilation narrow = Compilations.compile(Compilations.java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new T()); }
          public record In(String q) {}
          @ToolContribution(name = "T", description = "d")
          public static class T implements Tool<In> {
            public ToolResult call(In in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """));
    Compilation wider = Compilations.compile(Compilations.java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new T()); }
          public record In(String q, Optional<String> more) {}
          @ToolContribution(name = "T", description = "d")
          public static class T implements Tool<In> {
            public ToolResult call(In in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """));
    String a = digestOf(Compilations.index(narrow));
    String b = digestOf(Compilations.index(wider));
    assertTrue(a.startsWith("sha256:") && a.length() == "sha256:".length() + 64, a);
    assertTrue(!a.equals(b), "a widened schema must change the digest");
  }

  private static String digestOf(String index) {
    try {
      return INDEPENDENT.readTree(index.lines().findFirst().orElseThrow()).get("digest").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Keys sorted at every level, arrays in order, no whitespace: built without CanonicalJson. */
  /** The descriptor the generated class carries, parsed as the runtime parses it. */
  private static FeatureDescriptor descriptorOf(GeneratedFeature generated) {
    return CanonicalJson.toDescriptor(CanonicalJson.parse(generated.descriptorJson()));
  }

  private static String canonical(JsonNode descriptor) throws Exception {
    Object plain = INDEPENDENT.convertValue(descriptor, Map.class);
    return INDEPENDENT.writeValueAsString(plain);
  }

  private static String sha256(String text) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(hash);
  }
}
