package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.TreeCodec;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mapper the digest is computed with is private to the descriptor module: no field or method
 * any code outside {@link CanonicalJson} can reach hands out the mapper, its factory, or a
 * generator or parser (whose {@code getCodec()} is the mapper), so nothing outside can switch on
 * {@code ESCAPE_NON_ASCII} and change every digest, as it could through the public
 * {@code CanonicalJson.MAPPER} before.
 */
class CanonicalMapperTest {
  /** Jackson types through which a mapper's configuration can be changed. */
  private static final List<Class<?>> CONFIGURABLE = List.of(ObjectCodec.class, TreeCodec.class,
      JsonFactory.class, JsonGenerator.class, JsonParser.class, ObjectReader.class, ObjectWriter.class);

  @Test
  void noMemberReachableFromOutsideCanonicalJsonHandsOutTheMapperItsFactoryOrAGenerator() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : descriptorClasses()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isPrivate(field.getModifiers()) && configurable(field.getType())) {
          leaks.add(type.getSimpleName() + "." + field.getName());
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!Modifier.isPrivate(method.getModifiers()) && configurable(method.getReturnType())) {
          leaks.add(type.getSimpleName() + "." + method.getName() + "()");
        }
      }
    }
    assertEquals(List.of(), leaks);
    Field writer = CanonicalJson.class.getDeclaredField("WRITER");
    assertTrue(Modifier.isPrivate(writer.getModifiers()) && Modifier.isFinal(writer.getModifiers()));
    Field mapper = Class.forName(CanonicalJson.class.getName() + "$Writer").getDeclaredField("MAPPER");
    assertTrue(Modifier.isPrivate(mapper.getModifiers()) && Modifier.isFinal(mapper.getModifiers()));
  }

  @Test
  void reconfiguringEveryMapperAnOutsideCallerCanReachLeavesDigestAndTextAlone() {
    FeatureDescriptor weather = Samples.weather(); // "Weather für Zürich ☀": non-ASCII to escape
    String before = Digests.of(weather);
    String text = CanonicalJson.write(weather);

    // What broke every digest before, done to every mapper an outside caller can get hold of.
    ObjectMapper own = new ObjectMapper();
    own.getFactory().enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    own.enable(SerializationFeature.INDENT_OUTPUT);

    assertEquals(before, Digests.of(weather));
    assertEquals(text, CanonicalJson.write(weather));
    assertTrue(text.contains("für Zürich ☀"), text);
    assertEquals(text, CanonicalJson.write(CanonicalJson.parse(text)));
  }

  private static boolean configurable(Class<?> type) {
    return CONFIGURABLE.stream().anyMatch(c -> c.isAssignableFrom(type));
  }

  /** Every class of the descriptor module's main output (a test may list its own build output). */
  private static List<Class<?>> descriptorClasses() throws Exception {
    Path root = Path.of(CanonicalJson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace(File.separatorChar, '.');
        out.add(Class.forName(name.substring(0, name.length() - ".class".length())));
      }
    }
    assertTrue(out.contains(CanonicalJson.class) && out.size() > 10, out.toString());
    return out;
  }
}
