package dev.yoi.cli.plugin;

import dev.yoi.cli.index.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --project} and {@code --user}: where a host's plugins are, as {@code approve} and {@code report} take them. */
public final class PluginOptions {
  @Option(names = "--project", paramLabel = "JAR|DIR", description = "Project plugins: a jar, a class"
      + " directory or a directory of jars. Repeatable. Default (with no --project and no --user):"
      + " plugins/project beside yoi.jar.")
  private List<Path> project = new ArrayList<>();

  @Option(names = "--user", paramLabel = "JAR|DIR", description = "User plugins, likewise. Default:"
      + " plugins/user beside yoi.jar.")
  private List<Path> user = new ArrayList<>();

  /** Opens a loader per plugin, under {@code parent}; the bundled plugins when no option was given. */
  public PluginLoaders open(ClassLoader parent) throws InputException {
    if (project.isEmpty() && user.isEmpty()) {
      Optional<Path> bundled = BundledPlugins.directory();
      return bundled.isPresent() ? PluginLoaders.openLayout(parent, bundled.get())
          : PluginLoaders.open(parent, List.of(), List.of());
    }
    return PluginLoaders.open(parent, project, user);
  }

  /** What the options name, for messages. */
  public String describe() {
    if (project.isEmpty() && user.isEmpty()) {
      return BundledPlugins.directory().map(dir -> "the plugins beside yoi.jar (" + dir + ")")
          .orElse("no plugins (none given, and none beside yoi.jar)");
    }
    List<String> parts = new ArrayList<>();
    project.forEach(p -> parts.add("--project " + p));
    user.forEach(p -> parts.add("--user " + p));
    return String.join(" ", parts);
  }
}
