package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.cli.diagnostics.Javac;
import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.ApprovalLock;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproveCommandTest {
  @TempDir Path dir;

  @Test
  void anUnknownIdSaysWhichIdsExist() {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:wether", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(),
        "--user", BuiltJars.require(BuiltJars.JOURNAL).toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.err().contains("no feature project:wether in --project "), result.err());
    assertTrue(result.err().contains("Features there: project:weather, user:journal."), result.err());
    assertFalse(Files.exists(lock));
  }

  @Test
  void aFeatureWhoseIndexLineIsBrokenIsRefusedWithItsDiagnosticNotCalledUnknown() throws IOException {
    Path lock = dir.resolve("features.lock.json");
    IndexLine line = PluginJars.line(PluginJars.feature("planner", "PlanCreate"));
    String edited = IndexFile.writeLine(line).replace("Does PlanCreate", "Does anything at all");
    Path jar = PluginJars.write(dir.resolve("edited.jar"),
        Map.of(IndexLine.INDEX_PATH, (edited + "\n").getBytes(StandardCharsets.UTF_8)));

    Cli.Result result = Cli.run("approve", "project:planner", "--lock", lock.toString(),
        "--project", jar.toString(), "--yes");

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.err().contains("[yoi/digest-mismatch] feature planner"), result.err());
    assertTrue(result.err().contains("has a broken index line (above), so there is nothing sound to"
        + " approve"), result.err());
    assertFalse(result.err().contains("no feature project:planner"), result.err());
    assertFalse(Files.exists(lock));
  }

  @Test
  void withoutARequiredAuthorityIsAUsageErrorThatSaysItIsRequired() {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(),
        "--without", "NETWORK:api.weather.example", "--yes");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("project:weather requires NETWORK:api.weather.example, so it"
        + " cannot be left out"), result.err());
    assertFalse(Files.exists(lock));
  }

  @Test
  void approvalListsEveryAuthorityWithItsReasonAndWritesTheLock() throws IOException {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(), "--yes");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().contains("  NETWORK:api.weather.example  (required)\n"
        + "      Fetches forecasts from api.weather.example\n"), result.out());
    assertTrue(result.out().contains("  SECRET_REF:weather-api-key  (optional)\n"
        + "      Authenticates to api.weather.example; without it the tool answers with sample data\n"),
        result.out());
    Approval approval = ApprovalLock.read(lock).approval("project:weather").orElseThrow();
    assertEquals(currentWeather().digest(), approval.digest());
    assertEquals(Set.of(AuthorityLabel.parse("NETWORK:api.weather.example"),
        AuthorityLabel.parse("SECRET_REF:weather-api-key")), approval.granted());
  }

  @Test
  void withoutLeavesOutAnOptionalAuthority() throws IOException {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.WEATHER.toString(), "--without", "SECRET_REF:weather-api-key", "-y");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertEquals(Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")),
        ApprovalLock.read(lock).approval("project:weather").orElseThrow().granted());
  }

  @Test
  void withoutATerminalOrYesNothingIsWritten() {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.WEATHER.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("run again with --yes"), result.out());
    assertFalse(Files.exists(lock));
  }

  @Test
  void aChangedFeatureShowsOnlyWhatChangedSinceItWasApproved() throws IOException {
    Path lock = dir.resolve("features.lock.json");
    // The lock approved an older weather that had no optional API key.
    FeatureDescriptor current = currentWeather().descriptor();
    FeatureDescriptor older = new FeatureDescriptor(current.slug(), current.name(), "0.9.0",
        current.description(), current.runtime(), current.featureClass(), current.tools(), current.hooks(),
        current.backgroundTasks(), current.providedServices(), current.requiredServices(),
        current.authorities().stream().filter(a -> !a.optional()).toList());
    ApprovalLock.approve(lock, "project:weather", Digests.of(older), older,
        older.authorities().stream().map(AuthorityRequest::label).toList());

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.WEATHER.toString(), "--yes");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String flowed = result.out().replaceAll("\\s*\n\\s*", " ");
    assertTrue(flowed.startsWith("project:weather changed since it was approved ("
        + Digests.of(older) + " -> " + currentWeather().digest() + ")."), result.out());
    assertTrue(result.out().contains("  ~ version \"0.9.0\" -> \"1.0.0\"\n"), result.out());
    assertTrue(result.out().contains("  + authority SECRET_REF:weather-api-key (optional"), result.out());
    assertFalse(result.out().contains("It requests:"), "only the difference: " + result.out());
    assertFalse(result.out().contains("NETWORK:api.weather.example  (required)"), result.out());
  }

  @Test
  void runAsAProgramItPrintsItsLastLineAndLeavesNothingBesideTheLock() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    String[] approve = {"approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(), "--yes"};

    String first = yoi(approve);
    String again = yoi(approve);

    // Printed with print(), then System.exit: the last line used to be lost.
    assertTrue(flowed(first).contains("Approved project:weather 1.0.0 (" + currentWeather().digest() + ")"), first);
    assertTrue(flowed(first).strip().endsWith("granted NETWORK:api.weather.example, SECRET_REF:weather-api-key."), first);
    assertTrue(flowed(again).contains("project:weather 1.0.0 is already approved at"), again);
    assertTrue(flowed(again).strip().endsWith("granting NETWORK:api.weather.example, SECRET_REF:weather-api-key."), again);
    try (var files = Files.list(dir)) {
      assertEquals(List.of("features.lock.json"), files.map(p -> p.getFileName().toString()).toList(),
          "no features.lock.json.lck (or anything else) is left beside the lock");
    }
  }

  /** {@code yoi} as its own program (main, System.exit), on this test's class path; its stdout. */
  private static String yoi(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), YoiCommand.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "yoi did not exit");
    assertEquals(ExitCodes.OK, process.exitValue(), out);
    return out;
  }

  private static String flowed(String text) {
    return text.replaceAll("\\s*\n\\s*", " ");
  }

  // ---- issue 12: what re-approval keeps, what is widened, what is pinned, where it is written ----

  /** A plugin with a required authority, an optional one and a scoped one; each test edits a copy. */
  static final String GITHUB = """
      package gh;
      @Feature(id = "github", name = "GitHub", version = "1.0.0")
      @RequiresAuthority(value = AuthorityKind.NETWORK, scope = "api.github.com", reason = "Calls the GitHub API")
      @RequiresAuthority(value = AuthorityKind.SECRET_REF, scope = "github-token", optional = true,
          reason = "Authenticates to GitHub")
      @RequiresAuthority(value = AuthorityKind.FILESYSTEM, scope = "/srv/repos/**", reason = "Reads the repositories")
      public final class GithubFeature implements FeatureModule {
        public void install(InstallContext context) { context.tools().register(new Issues()); }
        @ToolContribution(name = "Issues", description = "Lists open issues", requires = AuthorityKind.NETWORK)
        static final class Issues implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("none"); }
        }
      }
      """;

  private Path build(String name, String source) {
    return Javac.compileOk(dir.resolve(name), source);
  }

  /** {@code yoi approve project:github} of {@code plugin} into the test's own lock, for project {@code dir}. */
  private Cli.Result approveGithub(Path plugin, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("approve", "project:github",
        "--user-lock", dir.resolve("approvals.json").toString(), "--project-dir", dir.toString(),
        "--project", plugin.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private Set<String> grantedGithub() throws IOException {
    return ApprovalLock.read(dir.resolve("approvals.json")).approval(dir, "project:github").orElseThrow().granted()
        .stream().map(AuthorityLabel::toString).collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void reapprovingAChangedFeatureKeepsTheOptionalAuthorityLeftOutBeforeAndSaysSo() throws IOException {
    assertEquals(ExitCodes.OK, approveGithub(build("v1", GITHUB), "--without", "SECRET_REF:github-token", "--yes")
        .exitCode());
    Path v2 = build("v2", GITHUB.replace("Lists open issues", "Lists open issues and pull requests"));

    Cli.Result again = approveGithub(v2, "--yes");

    assertEquals(ExitCodes.OK, again.exitCode(), again.all());
    String flowed = again.out().replaceAll("\\s*\n\\s*", " ");
    assertTrue(flowed.contains("Only the changes need your approval: ~ tool \"Issues\" /description"), again.out());
    assertTrue(flowed.contains("Kept out, as you chose when you approved it before: SECRET_REF:github-token. To"
        + " grant it now, run again with --with SECRET_REF:github-token."), again.out());
    assertTrue(flowed.contains(", without SECRET_REF:github-token? yes (--yes)"), again.out());
    assertEquals(Set.of("FILESYSTEM:/srv/repos/**", "NETWORK:api.github.com"), grantedGithub());

    Cli.Result granted = approveGithub(v2, "--with", "SECRET_REF:github-token", "--yes");

    assertEquals(ExitCodes.OK, granted.exitCode(), granted.all());
    assertEquals(Set.of("FILESYSTEM:/srv/repos/**", "NETWORK:api.github.com", "SECRET_REF:github-token"),
        grantedGithub());
  }

  @Test
  void aScopeWidenedToTheWholeFilesystemIsMarkedAsAWidening() {
    assertEquals(ExitCodes.OK, approveGithub(build("v1", GITHUB), "--yes").exitCode());
    Path wider = build("v2", GITHUB.replace("\"/srv/repos/**\"", "\"/**\""));

    Cli.Result result = approveGithub(wider, "--yes");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String flowed = result.out().replaceAll("\\s*\n\\s*", " ");
    assertTrue(flowed.contains("- authority FILESYSTEM:/srv/repos/**"), result.out());
    assertTrue(flowed.contains("! authority FILESYSTEM:/** (required, reason \"Reads the repositories\") widens"
        + " FILESYSTEM:/srv/repos/**"), result.out());
  }

  @Test
  void theSameDeclarationsWithNewCodeAreShownAsSuchAndThePromptSaysWhatIsPinned() throws IOException {
    Cli.Result first = approveGithub(build("v1", GITHUB), "--yes");
    assertEquals(ExitCodes.OK, first.exitCode(), first.all());
    String flowedFirst = first.out().replaceAll("\\s*\n\\s*", " ");
    assertTrue(flowedFirst.contains("What you approve: these declarations (tools, schemas, hooks, tasks,"
        + " services, authorities), pinned by their digest. Not the bytecode"), first.out());
    Path rebuilt = build("v1-rebuilt", GITHUB.replace("ToolResult.text(\"none\")", "ToolResult.text(\"other\")"));

    Cli.Result again = approveGithub(rebuilt, "--yes");

    assertEquals(ExitCodes.OK, again.exitCode(), again.all());
    String flowed = again.out().replaceAll("\\s*\n\\s*", " ");
    assertTrue(flowed.startsWith("project:github 1.0.0: same declarations, new code."), again.out());
    assertFalse(flowed.contains("It requests:"), again.out());
    Approval recorded = ApprovalLock.read(dir.resolve("approvals.json")).approval(dir, "project:github").orElseThrow();
    assertTrue(flowed.contains("the code is recorded as " + recorded.code().orElseThrow()), again.out());
  }

  @Test
  void aLineWhoseDescriptorClassCarriesAnotherDigestIsNotApproved() throws IOException {
    Path plugin = build("github", GITHUB);
    Path index = plugin.resolve(IndexLine.INDEX_PATH);
    IndexLine line = ((dev.yoi.descriptor.IndexEntry.Valid) IndexFile.read("x", Files.readAllBytes(index)).get(0)).line();
    FeatureDescriptor d = line.descriptor();
    FeatureDescriptor edited = new FeatureDescriptor(d.slug(), d.name(), d.version(), "Edited after the build",
        d.runtime(), d.featureClass(), d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(),
        d.requiredServices(), d.authorities());
    // A consistent line (its digest recomputed) over the classes of the original build.
    Files.writeString(index, IndexFile.writeLine(IndexLine.of(line.module(), line.descriptorClass(), edited)) + "\n");

    Cli.Result result = approveGithub(plugin, "--yes");

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.err().contains("[yoi/digest-mismatch] feature project:github: its index line and its"
        + " descriptor class must carry the same digest"), result.err());
    assertTrue(result.err().contains("come from different builds (above), so there is nothing sound to approve"),
        result.err());
    assertFalse(Files.exists(dir.resolve("approvals.json")));
  }

  @Test
  void withoutLockTheApprovalGoesToTheUsersOwnLockUnderTheProjectsPath() throws IOException {
    Path userLock = Path.of(System.getProperty("user.home"), ".yoi", "approvals.json");
    assertTrue(userLock.startsWith(Path.of("target").toAbsolutePath()), "tests never write the real " + userLock);

    Cli.Result result = Cli.run("approve", "project:weather", "--project-dir", dir.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(), "--yes");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().replaceAll("\\s*\n\\s*", " ").contains("Approving records it in " + userLock + " for project "
        + dir.toRealPath() + "."), result.out());
    Approval approval = ApprovalLock.read(userLock).approval(dir, "project:weather").orElseThrow();
    assertEquals(currentWeather().digest(), approval.digest());
    assertTrue(approval.code().isPresent(), "the jar's SHA-256 is recorded");
    assertTrue(ApprovalLock.read(userLock).approval("project:weather").isEmpty(), "not for every project");
  }

  private static CatalogEntry currentWeather() {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {BuiltJars.require(BuiltJars.WEATHER).toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      return FeatureCatalog.read(List.of(new FeatureLoader(loader, FeatureSource.PROJECT)))
          .entry("project:weather").orElseThrow();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
