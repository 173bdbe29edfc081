package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated index, the descriptor class (as {@code javap -p -c -constants} shows it: every
 * member, constant and instruction) and the marker class (likewise), for a feature that uses every
 * annotation. Regenerate after an intended change with {@code -Dyoi.golden.update=true} and review
 * the diff.
 */
class GoldenTest {
  @Test
  void indexOfAFeatureUsingEveryAnnotationMatchesTheGoldenFile() {
    Compilation compilation = Compilations.compile(Compilations.weather());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("weather.features.jsonl", Compilations.index(compilation));
  }

  @Test
  void descriptorClassOfAFeatureUsingEveryAnnotationMatchesTheGoldenFile() {
    Compilation compilation = Compilations.compile(Compilations.weather());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("WeatherFeature_FeatureDescriptor.class.txt",
        Compilations.descriptorClass(compilation, "com.acme.weather.WeatherFeature_FeatureDescriptor"));
  }

  @Test
  void markerClassOfAFeatureMatchesTheGoldenFile() {
    Compilation compilation = Compilations.compile(Compilations.weather());
    assertThat(compilation).succeededWithoutWarnings();
    List<JavaFileObject> markers = Compilations.markerClasses(compilation);
    assertEquals(1, markers.size(), "one marker for the round: " + markers);
    assertGolden("weather.marker.class.txt", Compilations.javap(markers.get(0)));
  }

  static void assertGolden(String name, String actual) {
    if (Boolean.getBoolean("yoi.golden.update")) {
      try {
        Path file = Path.of("src/test/resources/golden", name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertEquals(golden(name), actual, "generated " + name + " differs from src/test/resources/golden/" + name);
  }

  static String golden(String name) {
    try (InputStream in = GoldenTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError("no golden file " + name + "; run with -Dyoi.golden.update=true");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
