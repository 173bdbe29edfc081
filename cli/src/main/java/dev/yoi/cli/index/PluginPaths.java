package dev.yoi.cli.index;

import dev.yoi.feature.FeatureSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code [JAR|DIR]...} arguments shared by {@code inspect} and {@code verify}. */
public final class PluginPaths {
  @Parameters(
      paramLabel = "JAR|DIR",
      arity = "0..*",
      description = "Plugin jars, directories of plugin jars (searched recursively) or class output"
          + " directories (holding META-INF/yoi/features.jsonl). None: the builtins inside yoi.")
  private List<Path> paths = new ArrayList<>();

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      defaultValue = "project",
      description = "The source the plugins' ids are shown with: project or user (default:"
          + " ${DEFAULT-VALUE}). A host assigns it by the class loader it loads a plugin with.")
  private FeatureSource source;

  /** Whether the command reads its own builtins rather than plugins. */
  public boolean builtinsOnly() {
    return paths.isEmpty();
  }

  public FeatureSource source() {
    return builtinsOnly() ? FeatureSource.BUILTIN : source;
  }

  /** Reads the given paths, or the builtins when there are none. */
  public Inventory read(ClassLoader builtinLoader) throws InputException {
    if (!builtinsOnly() && source == FeatureSource.BUILTIN) {
      throw new InputException("--source builtin: a plugin cannot be builtin; builtins are what yoi"
          + " itself was built with (run without JAR|DIR to see them)");
    }
    return builtinsOnly() ? IndexScanner.builtins(builtinLoader) : IndexScanner.scan(paths, source);
  }
}
