package dev.yoi.bench.startup;

import dev.yoi.bench.generate.SyntheticFeatures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Packs the compiled synthetic features into the one jar every start-up mechanism reads: the
 * classes, Yoi's index, AutoService's {@code META-INF/services} file, PF4J's
 * {@code extensions.idx} and plugin manifest entries, and the physical limit's class list.
 */
public final class FeatureJar {
  public static final String PLUGIN_ID = "bench-features";

  private FeatureJar() {}

  public static Path write(Path classes, List<String> featureClasses, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", PLUGIN_ID);
    main.putValue("Plugin-Version", "1.0.0");
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar);
         JarOutputStream out = new JarOutputStream(file, manifest)) {
      List<Path> files;
      try (var walk = Files.walk(classes)) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> !p.toString().endsWith(".java"))
            .sorted()
            .toList();
      }
      for (Path p : files) {
        String name = classes.relativize(p).toString().replace('\\', '/');
        out.putNextEntry(new JarEntry(name));
        Files.copy(p, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(SyntheticFeatures.CLASS_LIST));
      out.write((String.join("\n", featureClasses) + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
