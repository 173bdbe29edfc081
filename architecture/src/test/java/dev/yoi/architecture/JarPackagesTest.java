package dev.yoi.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.yoi.feature.FeatureModule;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every package lives in one jar (no split packages), so each jar can be a module of its own; and
 * the api jar holds exactly the packages {@link Components#API} lists.
 */
class JarPackagesTest {
  private static JavaClasses ours;

  @BeforeAll
  static void importEveryJar() {
    ours = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.yoi");
  }

  @Test
  void noPackageIsInTwoJars() {
    Map<String, Set<String>> jarsByPackage = new TreeMap<>();
    for (JavaClass type : ours) {
      if (!Components.MARKERS.contains(type.getPackageName())) {
        jarsByPackage.computeIfAbsent(type.getPackageName(), p -> new TreeSet<>()).add(jarOf(type));
      }
    }
    Map<String, Set<String>> split = jarsByPackage.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(Map.of(), split, "packages found in more than one jar");
  }

  @Test
  void theApiJarHoldsExactlyTheApiPackages() {
    String apiJar = jarOf(ours.get(FeatureModule.class));
    Set<String> inApiJar = ours.stream()
        .filter(type -> jarOf(type).equals(apiJar))
        .map(JavaClass::getPackageName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(inApiJar.stream().allMatch(Components.API::contains), "not listed as api: " + inApiJar);
    assertEquals(Set.of(Components.API.packages()), inApiJar);
  }

  /** The jar (or class directory) a class was read from: its source URI without the class's own path. */
  private static String jarOf(JavaClass type) {
    String uri = type.getSource().orElseThrow().getUri().toString();
    String path = type.getName().replace('.', '/');
    int at = uri.lastIndexOf(path.substring(0, path.lastIndexOf('/') + 1));
    return at < 0 ? uri : uri.substring(0, at);
  }
}
