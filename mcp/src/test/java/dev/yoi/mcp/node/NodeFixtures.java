package dev.yoi.mcp.node;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js interop fixtures in {@code src/test/node}: the official TypeScript MCP SDK and the
 * reference servers, pinned by {@code package-lock.json}.
 *
 * <p>{@link #main} is the build step (exec-maven-plugin, before the tests): {@code npm ci} when
 * {@code node} and {@code npm} are on the PATH and the lock file changed since the last install;
 * without Node, one line saying the interop tests are skipped (or, with
 * {@code -Dyoi.mcp.requireNode=true}, a failed build). {@link #installed()} is the tests' side.
 * The cli module's build runs it too, to install the same lock beside {@code yoi.jar} for
 * {@code yoi demo}: one pinned lock file, two installs.
 */
public final class NodeFixtures {
  /** Written into {@code node_modules} after a successful {@code npm ci}: the lock file's SHA-256. */
  static final String MARKER = ".yoi-npm-ci";
  /** The directory of the fixtures, passed to the tests by surefire. */
  public static final String DIRECTORY_PROPERTY = "yoi.mcp.node";
  /** {@code true}: a missing Node or install fails the tests instead of skipping them. */
  public static final String REQUIRE_PROPERTY = "yoi.mcp.requireNode";

  private NodeFixtures() {}

  /**
   * {@code NodeFixtures <fixtures dir> <requireNode> [<install dir> <what it installs>]}: without an
   * install directory, {@code npm ci} in the fixtures directory itself; with one, its
   * {@code package.json} and {@code package-lock.json} are copied there first, so another module can
   * install the very same pinned versions where it needs them.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path fixtures = Path.of(args[0]);
    boolean require = args.length > 1 && Boolean.parseBoolean(args[1]);
    Path dir = args.length > 2 ? Path.of(args[2]) : fixtures;
    String what = args.length > 3 ? args[3]
        : "the MCP interop tests with the official TypeScript SDK and the reference servers";
    if (onPath("node").isEmpty() || onPath("npm").isEmpty()) {
      String problem = "[yoi-mcp] Node.js (node and npm) is not on the PATH, so " + what;
      if (require) {
        throw new IllegalStateException(problem + " cannot run, and -Dyoi.mcp.requireNode=true requires"
            + " them. Install Node.js 20 or later.");
      }
      System.out.println(problem + " are skipped. Install Node.js 20 or later to run them.");
      return;
    }
    if (!dir.equals(fixtures)) {
      Files.createDirectories(dir);
      for (String file : List.of("package.json", "package-lock.json")) {
        Files.copy(fixtures.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String lock = lockDigest(dir);
    Path marker = dir.resolve("node_modules").resolve(MARKER);
    if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(lock)) {
      return; // installed from this very lock file
    }
    Path log = Files.createTempFile("yoi-npm-ci", ".log");
    try {
      Process npm = new ProcessBuilder(List.of(onPath("npm").get().toString(), "ci", "--no-audit", "--no-fund"))
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      int exit = npm.waitFor();
      if (exit != 0) {
        String output = Files.readString(log, StandardCharsets.UTF_8).strip();
        String problem = "[yoi-mcp] npm ci in " + dir + " failed (exit " + exit + "), so " + what
            + " cannot run: " + output.substring(Math.max(0, output.length() - 2000));
        if (require) {
          throw new IllegalStateException(problem);
        }
        System.out.println(problem.replace("cannot run", "are skipped"));
        return;
      }
      Files.writeString(marker, lock, StandardCharsets.UTF_8);
      System.out.println("[yoi-mcp] npm ci: installed " + shown(fixtures.resolve("package-lock.json")) + " in "
          + shown(dir.resolve("node_modules")));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * The fixtures directory with {@code node_modules} installed from the current lock file. Without
   * them the calling test is skipped, or fails when {@code yoi.mcp.requireNode} is {@code true}.
   */
  public static Path installed() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    boolean require = Boolean.getBoolean(REQUIRE_PROPERTY);
    String problem = null;
    Path dir = property == null ? null : Path.of(property);
    if (dir == null) {
      problem = "system property " + DIRECTORY_PROPERTY + " is not set; run the tests through Maven";
    } else if (onPath("node").isEmpty()) {
      problem = "node is not on the PATH";
    } else {
      try {
        Path marker = dir.resolve("node_modules").resolve(MARKER);
        if (!Files.isRegularFile(marker)
            || !Files.readString(marker, StandardCharsets.UTF_8).equals(lockDigest(dir))) {
          problem = "npm ci has not installed " + dir + "/package-lock.json (the build does it when npm is on the PATH)";
        }
      } catch (IOException e) {
        problem = "cannot read " + dir + ": " + e.getMessage();
      }
    }
    if (problem != null) {
      if (require) {
        throw new IllegalStateException("MCP interop fixtures missing: " + problem
            + "; -Dyoi.mcp.requireNode=true requires them");
      }
      Assumptions.abort("MCP interop fixtures missing: " + problem);
    }
    return dir;
  }

  /** The {@code node} executable on the PATH (for starting fixture scripts). */
  public static Path node() {
    return onPath("node").orElseThrow(() -> new IllegalStateException("node is not on the PATH"));
  }

  /** {@code path} relative to the directory the build runs in, when it is under it. */
  private static Path shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
  }

  static String lockDigest(Path dir) throws IOException {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve("package-lock.json")));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** An executable named {@code name} (or {@code name.cmd}/{@code .exe} on Windows) on the PATH. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    List<String> names = windows ? List.of(name + ".cmd", name + ".exe", name) : List.of(name);
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      for (String candidate : names) {
        Path file = Path.of(entry, candidate);
        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }
}
