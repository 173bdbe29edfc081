package dev.yoi.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Every jar of ours declares its own Automatic-Module-Name, so each can sit on a module path. */
class JarManifestTest {

  @Test
  void everyJarNamesItsOwnAutomaticModule() throws IOException {
    Set<Path> jars = new TreeSet<>();
    for (JavaClass type : new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.yoi")) {
      String uri = type.getSource().orElseThrow().getUri().toString();
      if (uri.startsWith("jar:file:")) {
        jars.add(Path.of(URI.create(uri.substring(4, uri.indexOf("!/")))));
      }
    }
    assertTrue(jars.size() >= 10, "the reactor's jars are on the test class path: " + jars);
    Map<String, Path> byName = new TreeMap<>();
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        String name = file.getManifest() == null ? null
            : file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        assertTrue(name != null && name.startsWith("dev.yoi."), jar + " declares no dev.yoi Automatic-Module-Name: " + name);
        Path other = byName.put(name, jar);
        assertEquals(null, other, name + " is declared by two jars: " + other + " and " + jar);
      }
    }
  }
}
