package dev.yoi.bench.buildtime;

import dev.yoi.bench.buildtime.floor.OneSourceProcessor;
import dev.yoi.bench.measure.Artifacts;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** One way to compile the synthetic features: which annotation processors javac runs. */
public enum BuildConfig {
  NONE("-proc:none", "no annotation processing (baseline)") {
    @Override
    List<String> javacOptions(Artifacts a) {
      return List.of("-proc:none");
    }
  },
  YOI("yoi", "the Yoi processor (a descriptor class file per feature and a classpath marker class per round, both written as resources, and the index)") {
    @Override
    List<String> javacOptions(Artifacts a) {
      return List.of(
          "-processorpath", a.path("yoi-processor", "yoi-api", "yoi-descriptor", "yoi-annotations",
              "jackson-databind", "jackson-core", "jackson-annotations", "semver4j"),
          "-processor", "dev.yoi.processor.FeatureProcessor",
          "-Ayoi.version=1.0.0", "-Ayoi.module=bench", "-Ayoi.runtime=builtin");
    }
  },
  /** Not a peer: the least a source-generating processor costs (one empty class, a second round). */
  ONE_SOURCE("one source", "a processor that reads nothing and writes one empty class"
      + " (`OneSourceProcessor`): the second round that any source-generating processor pays") {
    @Override
    List<String> javacOptions(Artifacts a) {
      return List.of("-processorpath", ownClasses(), "-processor", OneSourceProcessor.class.getName());
    }
  },
  AUTO_SERVICE("AutoService", "Google AutoService only (META-INF/services)") {
    @Override
    List<String> javacOptions(Artifacts a) {
      return List.of(
          "-processorpath", a.path("auto-service", "auto-service-annotations", "auto-common", "guava",
              "failureaccess"),
          "-processor", "com.google.auto.service.processor.AutoServiceProcessor");
    }
  },
  PF4J("PF4J", "PF4J's extension processor only (META-INF/extensions.idx)") {
    @Override
    List<String> javacOptions(Artifacts a) {
      return List.of("-processorpath", a.path("pf4j", "slf4j-api", "slf4j-nop"),
          "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor");
    }
  },
  /**
   * Not measured: only the peers' processors, {@code -proc:only}, for their index files. With the
   * last measured yoi build's classes they make the start-up jar without compiling N features again.
   */
  PEER_INDEXES("peer indexes", "AutoService's and PF4J's index files only (-proc:only)") {
    @Override
    List<String> javacOptions(Artifacts a) {
      return List.of("-proc:only",
          "-processorpath", String.join(java.io.File.pathSeparator,
              a.path("auto-service", "auto-service-annotations", "auto-common", "guava", "failureaccess"),
              a.path("pf4j", "slf4j-api", "slf4j-nop")),
          "-processor", "com.google.auto.service.processor.AutoServiceProcessor,"
              + "org.pf4j.processor.ExtensionAnnotationProcessor");
    }
  },
  /** Not measured: how the start-up benchmark's feature jar is built when yoi was not compiled. */
  ALL("all", "every processor at once, for the start-up jar") {
    @Override
    List<String> javacOptions(Artifacts a) {
      return List.of(
          "-processorpath", String.join(java.io.File.pathSeparator,
              a.path("yoi-processor", "yoi-api", "yoi-descriptor", "yoi-annotations",
                  "jackson-databind", "jackson-core", "jackson-annotations", "semver4j"),
              a.path("auto-service", "auto-service-annotations", "auto-common", "guava", "failureaccess"),
              a.path("pf4j", "slf4j-api", "slf4j-nop")),
          "-processor", "dev.yoi.processor.FeatureProcessor,"
              + "com.google.auto.service.processor.AutoServiceProcessor,"
              + "org.pf4j.processor.ExtensionAnnotationProcessor",
          "-Ayoi.version=1.0.0", "-Ayoi.module=bench", "-Ayoi.runtime=builtin");
    }
  };

  private final String label;
  private final String description;

  BuildConfig(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  /** The configurations the build-time figure compares, baseline first. */
  public static List<BuildConfig> measured() {
    return List.of(NONE, YOI, ONE_SOURCE, AUTO_SERVICE, PF4J);
  }

  /** The largest N at which {@link #measuredAt} compares every configuration by default. */
  public static final int EVERY_CONFIG_UP_TO = 1000;

  /**
   * The configurations measured at {@code n}: every one up to {@link #EVERY_CONFIG_UP_TO}; above it
   * only Yoi, the configuration the growth target is about, unless {@code everywhere}. At N = 10,000
   * each javac run takes a minute or more on two cores, so five runs of every configuration would take the
   * whole 20-minute budget of the full run by themselves.
   */
  public static List<BuildConfig> measuredAt(int n, boolean everywhere) {
    return everywhere || n <= EVERY_CONFIG_UP_TO ? measured() : List.of(YOI);
  }

  abstract List<String> javacOptions(Artifacts artifacts);

  /** This module's classes (a directory or jar), where {@link OneSourceProcessor} is. */
  private static String ownClasses() {
    try {
      return Path.of(OneSourceProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The features' compile class path: the same for every configuration. */
  static String compileClasspath(Artifacts a) {
    return a.path("yoi-api", "yoi-runtime", "yoi-annotations", "yoi-descriptor", "auto-service-annotations", "pf4j",
        "jackson-databind", "jackson-core", "jackson-annotations");
  }
}
