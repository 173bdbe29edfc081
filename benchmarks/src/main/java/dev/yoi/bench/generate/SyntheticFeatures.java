package dev.yoi.bench.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes N synthetic features, the workload every benchmark shares. Feature {@code i} is the class
 * {@code bench.gNNN.FeatureIIIII} (100 per package) with two tools whose inputs are records, one
 * pre-tool-call hook, and, for every tenth feature, a service that the feature five places later
 * requires. The same class is also what the peers find: {@code @AutoService(FeatureModule.class)}
 * for {@link java.util.ServiceLoader}, PF4J's {@code @Extension} (its extension index), and a plain
 * {@code FeatureModule} implementation for a ClassGraph scan.
 *
 * <p>Written from a text template: JavaPoet 1.13 cannot emit records.
 */
public final class SyntheticFeatures {
  /** The package that holds the types every synthetic feature shares. */
  public static final String SHARED_PACKAGE = "bench";
  /** The PF4J extension point the features implement: FeatureModule and ExtensionPoint at once. */
  public static final String EXTENSION_POINT = SHARED_PACKAGE + ".SyntheticFeature";
  /** Where, among the generated resources, the physical-limit list of feature classes lives. */
  public static final String CLASS_LIST = "META-INF/bench/features.txt";

  private static final int PER_PACKAGE = 100;
  private static final int SERVICE_EVERY = 10;
  private static final int CONSUMER_OFFSET = 5;

  private final int count;

  public SyntheticFeatures(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one feature, got " + count);
    }
    this.count = count;
  }

  /** Writes every source under {@code sourceRoot}; returns the feature classes' binary names. */
  public List<String> write(Path sourceRoot) throws IOException {
    Path shared = Files.createDirectories(sourceRoot.resolve(SHARED_PACKAGE));
    write(shared.resolve("SyntheticFeature.java"), EXTENSION_POINT_SOURCE);
    write(shared.resolve("SyntheticService.java"), SERVICE_SOURCE);
    List<String> classes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String pkg = packageOf(i);
      Path dir = Files.createDirectories(sourceRoot.resolve(pkg.replace('.', '/')));
      write(dir.resolve(className(i) + ".java"), source(i));
      classes.add(pkg + "." + className(i));
    }
    return classes;
  }

  /** Every generated {@code .java} file under {@code sourceRoot}, for javac's argument file. */
  public static List<Path> sources(Path sourceRoot) throws IOException {
    try (var files = Files.walk(sourceRoot)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  static String packageOf(int i) {
    return String.format("%s.g%03d", SHARED_PACKAGE, i / PER_PACKAGE);
  }

  static String className(int i) {
    return String.format("Feature%05d", i);
  }

  static String slug(int i) {
    return String.format("f%05d", i);
  }

  /** Whether feature {@code i} provides a service. */
  static boolean provides(int i) {
    return i % SERVICE_EVERY == 0;
  }

  /** The provider whose service feature {@code i} requires, or -1. */
  int requiredProvider(int i) {
    int provider = i - CONSUMER_OFFSET;
    return provider >= 0 && provides(provider) ? provider : -1;
  }

  static String serviceSlug(int provider) {
    return String.format("svc-%05d", provider);
  }

  /** The two tool names of feature {@code i}: model-visible, unique across the workload. */
  public static List<String> toolNames(int i) {
    return List.of(slug(i) + "_lookup", slug(i) + "_save");
  }

  String source(int i) {
    int provider = requiredProvider(i);
    StringBuilder annotations = new StringBuilder();
    StringBuilder install = new StringBuilder();
    StringBuilder nested = new StringBuilder();
    if (provider >= 0) {
      annotations.append(String.format("@RequiresService(id = \"builtin:%s\", version = \"^1.0\","
          + " type = SyntheticService.class,%n    reason = \"Reads the shared entries of feature %d\")%n",
          serviceSlug(provider), provider));
      install.append(String.format("    shared = context.services().require(\"builtin:%s\","
          + " SyntheticService.class);%n", serviceSlug(provider)));
    }
    if (provides(i)) {
      install.append("    context.services().provide(SyntheticService.class, new Shared());\n");
      nested.append(String.format("""

            @ProvidesService(id = "%s", version = "1.0.0", type = SyntheticService.class)
            public static final class Shared implements SyntheticService {
              @Override
              public String name() {
                return "%s";
              }
            }
          """, serviceSlug(i), serviceSlug(i)));
    }
    return String.format("""
        package %1$s;

        import bench.SyntheticFeature;
        import bench.SyntheticService;
        import com.google.auto.service.AutoService;
        import dev.yoi.feature.FeatureModule;
        import dev.yoi.feature.InstallContext;
        import dev.yoi.feature.annotation.Feature;
        import dev.yoi.feature.annotation.HookContribution;
        import dev.yoi.feature.annotation.ProvidesService;
        import dev.yoi.feature.annotation.RequiresService;
        import dev.yoi.feature.annotation.ToolContribution;
        import dev.yoi.pod.hook.PreToolCallDecision;
        import dev.yoi.pod.hook.PreToolCallHook;
        import dev.yoi.pod.hook.ToolCallView;
        import dev.yoi.pod.tool.Tool;
        import dev.yoi.pod.tool.ToolContext;
        import dev.yoi.pod.tool.ToolResult;
        import java.util.List;
        import java.util.Optional;
        import org.pf4j.Extension;

        /** Synthetic feature %3$d: two tools, one hook. Generated by the Yoi benchmarks. */
        @Feature(id = "%4$s", name = "Synthetic %3$d", version = "1.0.0", description = "Synthetic feature %3$d")
        %5$s@AutoService(FeatureModule.class)
        @Extension
        public final class %2$s implements SyntheticFeature {
          private SyntheticService shared;

          @Override
          public void install(InstallContext context) {
            context.tools().register(new Lookup());
            context.tools().register(new Save());
            context.hooks().register(new Audit());
        %6$s  }

          @ToolContribution(name = "%4$s_lookup", description = "Looks up an entry of feature %3$d")
          public static final class Lookup implements Tool<Lookup.Input> {
            public record Input(String key, Optional<Integer> limit) {}

            @Override
            public ToolResult call(Input input, ToolContext context) {
              return ToolResult.text("%4$s:" + input.key());
            }
          }

          @ToolContribution(name = "%4$s_save", description = "Saves an entry of feature %3$d")
          public static final class Save implements Tool<Save.Input> {
            public record Input(String key, String value, List<String> tags) {}

            @Override
            public ToolResult call(Input input, ToolContext context) {
              return ToolResult.text("saved " + input.key());
            }
          }

          @HookContribution(name = "%4$s-audit")
          public static final class Audit implements PreToolCallHook {
            @Override
            public PreToolCallDecision beforeToolCall(ToolCallView call) {
              return PreToolCallDecision.allow();
            }
          }
        %7$s}
        """, packageOf(i), className(i), i, slug(i), annotations, install, nested);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static final String EXTENSION_POINT_SOURCE = """
      package bench;

      import dev.yoi.feature.FeatureModule;
      import org.pf4j.ExtensionPoint;

      /** What every synthetic feature implements: a Yoi feature module and a PF4J extension point. */
      public interface SyntheticFeature extends FeatureModule, ExtensionPoint {}
      """;

  private static final String SERVICE_SOURCE = """
      package bench;

      /** The service every tenth synthetic feature provides. */
      public interface SyntheticService {
        String name();
      }
      """;
}
