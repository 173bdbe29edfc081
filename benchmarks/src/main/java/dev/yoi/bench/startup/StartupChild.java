package dev.yoi.bench.startup;

import java.nio.file.Path;

/**
 * The start-up benchmark's child JVM: {@code StartupChild MECHANISM JAR PLUGINS_DIR}. Runs one
 * mechanism once, prints what it installed and {@code work-nanos=} (from {@code main} entered to
 * done: the mechanism's own cost, without JVM boot), and exits.
 */
public final class StartupChild {
  private StartupChild() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Mechanism mechanism = Mechanism.valueOf(args[0]);
    Mechanism.Installed installed = mechanism.run(Path.of(args[1]), Path.of(args[2]));
    long work = System.nanoTime() - start;
    System.out.println(installed.line());
    System.out.println("work-nanos=" + work);
  }
}
