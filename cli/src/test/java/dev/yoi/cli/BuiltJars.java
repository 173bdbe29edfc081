package dev.yoi.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example plugin jars the build copies beside the command (target/plugins/..). */
final class BuiltJars {
  static final Path PLUGINS = Path.of("target", "plugins").toAbsolutePath();
  static final Path WEATHER = PLUGINS.resolve("project/yoi-example-weather.jar");
  static final Path JOURNAL = PLUGINS.resolve("user/yoi-example-journal.jar");

  private BuiltJars() {}

  static Path require(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the cli module's build copies it there"
          + " (maven-dependency-plugin, process-test-classes); run the tests through Maven");
    }
    return jar;
  }
}
