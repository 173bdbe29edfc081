package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The same sources give byte-identical index and generated sources, whatever their order. */
class DeterminismTest {
  private static List<JavaFileObject> sources() {
    List<JavaFileObject> all = new ArrayList<>(List.of(Compilations.weather()));
    all.addAll(List.of(Compilations.resources("com/acme/meteo", "MeteoFeature")));
    all.add(Compilations.java("p.Zeta", """
        @Feature(id = "alpha", name = "Sorted first by slug, though its class sorts last")
        public class Zeta implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """));
    return all;
  }

  @Test
  void twoCompilationsOfTheSameSourcesGiveIdenticalOutput() {
    Map<String, byte[]> first = outputs(Compilations.compile(sources().toArray(new JavaFileObject[0])));
    Map<String, byte[]> second = outputs(Compilations.compile(sources().toArray(new JavaFileObject[0])));
    assertIdentical(first, second);
  }

  @Test
  void sourceOrderDoesNotChangeTheOutput() {
    List<JavaFileObject> reversed = sources();
    Collections.reverse(reversed);
    assertIdentical(outputs(Compilations.compile(sources().toArray(new JavaFileObject[0]))),
        outputs(Compilations.compile(reversed.toArray(new JavaFileObject[0]))));
  }

  @Test
  void indexLinesAreSortedBySlug() {
    Compilation c = Compilations.compile(sources().toArray(new JavaFileObject[0]));
    List<String> slugs = Compilations.index(c).lines()
        .map(l -> l.replaceFirst("^\\{\"format\":1,\"slug\":\"([^\"]+)\".*", "$1"))
        .toList();
    assertEquals(List.of("alpha", "meteo", "weather"), slugs);
  }

  private static void assertIdentical(Map<String, byte[]> a, Map<String, byte[]> b) {
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      assertArrayEquals(a.get(name), b.get(name), name + " differs between compilations");
    }
  }

  /** What the processor generates (resources, descriptor and marker class files), by name; not javac's class files. */
  private static Map<String, byte[]> outputs(Compilation c) {
    assertThat(c).succeededWithoutWarnings();
    Map<String, byte[]> out = new TreeMap<>();
    for (JavaFileObject file : c.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS && !file.getName().endsWith("_FeatureDescriptor.class")
          && !file.toUri().getPath().contains("/dev/yoi/markers/")) {
        continue;
      }
      try (InputStream in = file.openInputStream()) {
        out.put(file.toUri().toString(), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertEquals(5, out.size(), "3 descriptors, 1 marker and the index: " + out.keySet());
    return out;
  }
}
