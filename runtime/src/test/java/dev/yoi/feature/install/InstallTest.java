package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.ContributionReport.Kind;
import dev.yoi.feature.ContributionReport.Status;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.Severity;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.feature.testing.Indexes;
import dev.yoi.feature.testing.RecordingHost;
import dev.yoi.pod.DryRun;
import dev.yoi.pod.PodManifest;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install rules of docs/design.md ("Run time: the registry", step 5), with features compiled
 * by the annotation processor in each test, installed through {@link FeatureRegistry} into a
 * recording host.
 */
class InstallTest {
  @TempDir Path dir;
  private final List<URLClassLoader> loaders = new ArrayList<>();
  private final RecordingHost host = new RecordingHost();

  @AfterEach
  void closeLoaders() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  private Path module(String name, String... sources) {
    return FeatureCompiler.compile(dir.resolve(name),
        Arrays.stream(sources).map(FeatureCompiler::java).toArray(FeatureCompiler.Source[]::new));
  }

  private URLClassLoader loader(Path... modules) {
    URLClassLoader loader = FeatureCompiler.loader(modules);
    loaders.add(loader);
    return loader;
  }

  private InstallReport installBuiltins(Path... modules) {
    return FeatureRegistry.install(List.of(new FeatureLoader(loader(modules), FeatureSource.BUILTIN)),
        Enablement.defaults(), AuthorityPolicy.grantRequested(), host);
  }

  /** As a host with {@code Pod.builder().checkDescriptorClasses(true)} installs. */
  private InstallReport installBuiltinsCheckingDescriptorClasses(Path... modules) {
    return FeatureRegistry.install(List.of(new FeatureLoader(loader(modules), FeatureSource.BUILTIN)), List.of(),
        Enablement.defaults(), AuthorityPolicy.grantRequested(), host, List.of(), true);
  }

  private static FeatureReport feature(InstallReport report, String id) {
    return report.feature(id).orElseThrow(() -> new AssertionError("no report for " + id + ":\n" + report.toJson()));
  }

  private static ContributionReport contribution(FeatureReport feature, Kind kind, String name) {
    return feature.contribution(kind, name).orElseThrow(() -> new AssertionError(kind + " " + name));
  }

  private static final String CLOCK = """
      package acme.clock;
      @Feature(id = "clock", name = "Clock", version = "1.2.0")
      public final class ClockFeature implements FeatureModule {
        public void install(InstallContext c) {
          c.tools().register(new Now());
          c.hooks().register(new Audit());
          c.backgroundTasks().register(new Tick());
          c.services().provide(Supplier.class, new SystemClock());
        }
        @ToolContribution(name = "Now", description = "The time in a zone")
        public static final class Now implements Tool<Now.Input> {
          public record Input(String zone) {}
          public ToolResult call(Input input, ToolContext context) { return ToolResult.text("noon in " + input.zone()); }
        }
        @HookContribution(name = "audit")
        public static final class Audit implements PreToolCallHook {
          public PreToolCallDecision beforeToolCall(ToolCallView call) { return PreToolCallDecision.allow(); }
        }
        @BackgroundTaskContribution(name = "tick", description = "Ticks", every = "PT1M")
        public static final class Tick implements BackgroundTask {
          public void run(TaskContext context) {}
        }
        @ProvidesService(id = "clock", version = "1.2.0", type = Supplier.class)
        public static final class SystemClock implements Supplier<String> {
          public String get() { return "noon"; }
        }
      }
      """;

  private static final String ALARM = """
      package acme.alarm;
      @Feature(id = "alarm", name = "Alarm")
      @RequiresService(id = "builtin:clock", version = "^1.0", type = Supplier.class, reason = "tells the time")
      public final class AlarmFeature implements FeatureModule {
        public void install(InstallContext c) {
          Supplier<?> clock = c.services().require("builtin:clock", Supplier.class);
          c.diagnostics().info("the clock says " + clock.get());
        }
      }
      """;

  @Test
  void aFeatureCommitsItsDeclaredToolsHooksTasksAndServicesInOnePiece() throws Exception {
    InstallReport report = installBuiltins(module("m", CLOCK, ALARM));

    assertEquals(List.of("builtin:clock", "builtin:alarm"), report.installOrder());
    assertEquals(List.of("builtin:clock", "builtin:alarm"), host.committedFeatures());
    FeatureContributions clock = host.commits().get(0);
    assertEquals(List.of("tool:Now", "hook:audit", "task:tick"), host.contributionsOf("builtin:clock"));
    assertEquals("acme.clock.ClockFeature$Now$Input", clock.tools().get(0).inputType().getName());
    assertEquals("builtin:clock", clock.tasks().get(0).featureId());

    FeatureReport clockReport = feature(report, "builtin:clock");
    assertTrue(clockReport.installed(), clockReport.toString());
    assertEquals(List.of(), clockReport.diagnostics());
    for (ContributionReport c : clockReport.contributions()) {
      assertEquals(Status.INSTALLED, c.status(), c.toString());
    }
    assertEquals("acme.clock.ClockFeature$SystemClock", contribution(clockReport, Kind.SERVICE, "builtin:clock").className());

    FeatureReport alarm = feature(report, "builtin:alarm");
    assertTrue(alarm.installed());
    assertEquals("[yoi/feature-note] builtin:alarm: the clock says noon", alarm.diagnostics().get(0).message());
    assertEquals(new RequiredServiceReport("builtin:clock", "^1.0", "java.util.function.Supplier", false,
        RequiredServiceReport.Status.RESOLVED, "builtin:clock", "1.2.0"), alarm.services().get(0));
  }

  @Test
  void aRequiredServiceThatNoFeatureProvidesKeepsTheConsumerOutAndItsCodeUnloaded() {
    InstallReport report = installBuiltins(module("m", ALARM));

    FeatureReport alarm = feature(report, "builtin:alarm");
    assertFalse(alarm.installed());
    assertTrue(alarm.diagnostics("yoi/missing-service").get(0).message()
        .contains("requires service builtin:clock (range ^1.0, type java.util.function.Supplier, because"
            + " \"tells the time\"), but no feature provides it"));
    assertEquals(List.of(), report.installOrder(), "install was never attempted");
  }

  @Test
  void aProviderOfTheWrongVersionKeepsTheConsumerOut() {
    InstallReport report = installBuiltins(module("m", CLOCK, ALARM.replace("^1.0", "^2.0")));

    assertTrue(feature(report, "builtin:clock").installed());
    FeatureReport alarm = feature(report, "builtin:alarm");
    assertFalse(alarm.installed());
    assertTrue(alarm.diagnostics("yoi/service-version").get(0).message()
        .contains("requires service builtin:clock in range ^2.0, but its provider builtin:clock provides version 1.2.0"));
    assertEquals(List.of("builtin:clock"), host.committedFeatures());
  }

  @Test
  void aPluginShippedAsAJarInstallsFromItsJar() throws Exception {
    Path jar = FeatureCompiler.jar(module("m", CLOCK), dir.resolve("clock.jar"));
    URLClassLoader plugin = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, InstallTest.class.getClassLoader());
    loaders.add(plugin);

    InstallReport report = FeatureRegistry.install(List.of(new FeatureLoader(plugin, FeatureSource.USER)),
        new Enablement(Set.of("user:clock"), Set.of()), AuthorityPolicy.grantRequested(), host);

    FeatureReport clock = feature(report, "user:clock");
    assertTrue(clock.installed(), report.toJson());
    assertTrue(clock.locations().get(0).startsWith("jar:file:"), clock.locations().toString());
    assertTrue(clock.locations().get(0).endsWith("clock.jar!/META-INF/yoi/features.jsonl:1"), clock.locations().toString());
  }

  @Test
  void aThrowingInstallRollsBackEverythingItRegistered() {
    InstallReport report = installBuiltins(module("m", """
        package acme.flaky;
        @Feature(id = "flaky", name = "Flaky")
        @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, reason = "says hello")
        public final class FlakyFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.tools().register(new Ping());
            c.services().provide(Supplier.class, new Svc());
            c.notifier().notifyModel("hello");
            c.alerts().info("hi");
            throw new IllegalStateException("boom");
          }
          @ToolContribution(name = "Ping", description = "Pings")
          public static final class Ping implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("pong"); }
          }
          @ProvidesService(id = "svc", version = "1.0.0", type = Supplier.class)
          public static final class Svc implements Supplier<String> { public String get() { return "x"; } }
        }
        """, """
        package acme.user;
        @Feature(id = "user", name = "User")
        @RequiresService(id = "builtin:svc", version = "^1", type = Supplier.class, reason = "uses it")
        public final class UserFeature implements FeatureModule {
          public void install(InstallContext c) { c.services().require("builtin:svc", Supplier.class); }
        }
        """));

    FeatureReport flaky = feature(report, "builtin:flaky");
    assertFalse(flaky.installed());
    assertEquals(List.of(), host.commits(), "nothing reaches any surface");
    assertEquals(List.of(), host.notifications(), "held-back notifications are dropped");
    assertEquals(List.of(), host.alerts());
    String message = flaky.diagnostics("yoi/install-failed").get(0).message();
    assertTrue(message.contains("install threw java.lang.IllegalStateException: boom (at acme.flaky.FlakyFeature.install("),
        message);
    assertTrue(message.contains("(rolled back: tool \"Ping\", service builtin:svc)"), message);
    assertEquals(Status.NOT_INSTALLED, contribution(flaky, Kind.TOOL, "Ping").status());
    // The service it provided before throwing was never bound: its consumer cannot install.
    FeatureReport user = feature(report, "builtin:user");
    assertFalse(user.installed());
    assertTrue(user.diagnostics("yoi/missing-service").get(0).message()
        .contains("its provider builtin:flaky failed to install (yoi/install-failed)"));
  }

  @Test
  void aLambdaRegisteredAsAToolFailsTheFeatureEvenWhenInstallCatchesTheRejection() {
    InstallReport report = installBuiltins(module("m", """
        package acme.sneaky;
        @Feature(id = "sneaky", name = "Sneaky")
        public final class SneakyFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.tools().register(new Echo());
            try {
              c.tools().register((Tool<JsonNode>) (input, context) -> ToolResult.text("undeclared"));
            } catch (RegistrationRejectedException e) {
              c.diagnostics().info("caught " + e.code());
            }
          }
          @ToolContribution(name = "Echo", description = "Echoes")
          public static final class Echo implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(input.toString()); }
          }
        }
        """));

    FeatureReport sneaky = feature(report, "builtin:sneaky");
    assertFalse(sneaky.installed());
    assertEquals(List.of(), host.commits());
    String undeclared = sneaky.diagnostics("yoi/undeclared-contribution").get(0).message();
    assertTrue(undeclared.contains("registered a lambda (acme.sneaky.SneakyFeature$$Lambda"), undeclared);
    assertTrue(undeclared.contains("Declared: \"Echo\" (acme.sneaky.SneakyFeature$Echo)"), undeclared);
    assertTrue(sneaky.diagnostics().stream().anyMatch(d -> d.message().equals("[yoi/feature-note] builtin:sneaky: caught yoi/undeclared-contribution")));
    assertTrue(sneaky.diagnostics("yoi/install-failed").get(0).message()
        .contains("install caught the rejection, but a rejected registration fails the feature anyway"));
  }

  @Test
  void aToolNameAlreadyInstalledFromAnotherLoaderFailsTheSecondFeatureListingBoth() {
    Path alpha = module("alpha", """
        package acme.alpha;
        @Feature(id = "alpha", name = "Alpha")
        public final class AlphaFeature implements FeatureModule {
          public void install(InstallContext c) { c.tools().register(new Search()); }
          @ToolContribution(name = "Search", description = "Searches alpha")
          public static final class Search implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("alpha"); }
          }
        }
        """);
    Path beta = module("beta", """
        package acme.beta;
        @Feature(id = "beta", name = "Beta")
        public final class BetaFeature implements FeatureModule {
          public void install(InstallContext c) { c.tools().register(new Search()); }
          @ToolContribution(name = "Search", description = "Searches beta")
          public static final class Search implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("beta"); }
          }
        }
        """);
    InstallReport report = FeatureRegistry.install(
        List.of(new FeatureLoader(loader(alpha), FeatureSource.BUILTIN), new FeatureLoader(loader(beta), FeatureSource.PROJECT)),
        new Enablement(Set.of("project:beta"), Set.of()), AuthorityPolicy.grantRequested(), host);

    assertTrue(feature(report, "builtin:alpha").installed());
    FeatureReport second = feature(report, "project:beta");
    assertFalse(second.installed());
    assertEquals(List.of("Search"), host.toolNames());
    assertEquals("builtin:alpha", host.commits().get(0).featureId());
    assertEquals("""
        [yoi/duplicate-contribution] tool "Search" is contributed twice:
            builtin:alpha  acme.alpha.AlphaFeature$Search
            project:beta  acme.beta.BetaFeature$Search
          Tool names are model-visible and must be unique across all installed features. builtin:alpha \
        installed first, so project:beta is not installed. Rename one of them (ToolContribution.name) or \
        disable one feature in the manifest.""",
        second.diagnostics("yoi/duplicate-contribution").get(0).message());
  }

  private static final String WEATHER = """
      package acme.weather;
      @Feature(id = "weather", name = "Weather")
      @RequiresAuthority(value = AuthorityKind.NETWORK, scope = "api.weather.example", optional = true, reason = "live data")
      public final class WeatherFeature implements FeatureModule {
        public void install(InstallContext c) {
          c.tools().register(new Live());
          c.tools().register(new Cached());
        }
        @ToolContribution(name = "Live", description = "Live weather", requires = AuthorityKind.NETWORK)
        public static final class Live implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("sunny"); }
        }
        @ToolContribution(name = "Cached", description = "Yesterday's weather")
        public static final class Cached implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("rainy"); }
        }
      }
      """;

  @Test
  void aDeniedOptionalAuthoritySkipsOnlyTheToolsThatNeedIt() throws Exception {
    URLClassLoader plugin = loader(module("weather", WEATHER));
    List<FeatureLoader> loaders = List.of(new FeatureLoader(plugin, FeatureSource.PROJECT));
    Path lock = dir.resolve("features.lock.json");
    CatalogEntry entry = FeatureCatalog.read(loaders).entry("project:weather").orElseThrow();
    ApprovalLock.approve(lock, entry.id(), entry.digest(), entry.descriptor(), Set.of());

    InstallReport report = FeatureRegistry.install(loaders, new Enablement(Set.of("project:weather"), Set.of()),
        AuthorityPolicy.standard(lock), host);

    FeatureReport weather = feature(report, "project:weather");
    assertTrue(weather.installed(), report.toJson());
    assertEquals(List.of("NETWORK:api.weather.example"), weather.denied());
    assertEquals(List.of("Cached"), host.toolNames());
    ContributionReport live = contribution(weather, Kind.TOOL, "Live");
    assertEquals(Status.SKIPPED, live.status());
    assertEquals("needs NETWORK, and the optional request NETWORK:api.weather.example was denied", live.reason());
    Diagnostic warning = weather.diagnostics("yoi/authority-denied").get(0);
    assertEquals(Severity.WARNING, warning.severity());
    assertTrue(warning.message().contains("It installs without the tools that need it: \"Live\""), warning.message());
    assertFalse(weather.hasDiagnostic("yoi/declared-not-registered"), "a skipped tool is not a missing registration");
  }

  @Test
  void anApprovedPluginGetsWhatTheLockGrants() throws Exception {
    URLClassLoader plugin = loader(module("weather", WEATHER));
    List<FeatureLoader> loaders = List.of(new FeatureLoader(plugin, FeatureSource.PROJECT));
    Path lock = dir.resolve("features.lock.json");
    ApprovalLock.approve(lock, FeatureCatalog.read(loaders).entry("project:weather").orElseThrow());

    InstallReport report = FeatureRegistry.install(loaders, new Enablement(Set.of("project:weather"), Set.of()),
        AuthorityPolicy.standard(lock), host);

    assertEquals(List.of("NETWORK:api.weather.example"), feature(report, "project:weather").granted());
    assertEquals(List.of("Live", "Cached"), host.toolNames(), "committed in registration order");
  }

  @Test
  void aRebuiltPluginWithANewToolIsDescriptorChangedUntilReapproved() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    try (URLClassLoader v1 = FeatureCompiler.loader(module("v1", WEATHER))) {
      ApprovalLock.approve(lock, FeatureCatalog.read(new FeatureLoader(v1, FeatureSource.USER))
          .entry("user:weather").orElseThrow());
    }
    String v2Source = WEATHER.replace("c.tools().register(new Cached());", "c.tools().register(new Cached()); c.tools().register(new Wipe());")
        .replace("\n}\n", """
              @ToolContribution(name = "Wipe", description = "Deletes the cache")
              public static final class Wipe implements Tool<JsonNode> {
                public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("gone"); }
              }
            }
            """);
    InstallReport report = FeatureRegistry.install(
        List.of(new FeatureLoader(loader(module("v2", v2Source)), FeatureSource.USER)),
        new Enablement(Set.of("user:weather"), Set.of()), AuthorityPolicy.standard(lock), host);

    FeatureReport weather = feature(report, "user:weather");
    assertFalse(weather.installed());
    String message = weather.diagnostics("yoi/descriptor-changed").get(0).message();
    assertTrue(message.contains("\n    + tool \"Wipe\" {"), message);
    assertTrue(message.endsWith("yoi approve user:weather --lock " + lock), message);
    assertEquals(List.of(), host.commits());
  }

  @Test
  void aDeclaredContributionThatIsNeverRegisteredIsAWarning() {
    InstallReport report = installBuiltins(module("m", """
        package acme.lazy;
        @Feature(id = "lazy", name = "Lazy")
        public final class LazyFeature implements FeatureModule {
          public void install(InstallContext c) { c.tools().register(new Used()); }
          @ToolContribution(name = "Used", description = "Used")
          public static final class Used implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("1"); }
          }
          @ToolContribution(name = "Forgotten", description = "Never registered")
          public static final class Forgotten implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("2"); }
          }
        }
        """));

    FeatureReport lazy = feature(report, "builtin:lazy");
    assertTrue(lazy.installed());
    Diagnostic warning = lazy.diagnostics("yoi/declared-not-registered").get(0);
    assertEquals(Severity.WARNING, warning.severity());
    assertTrue(warning.message().contains("declares tool \"Forgotten\" (acme.lazy.LazyFeature$Forgotten)"), warning.message());
    assertEquals(Status.NOT_REGISTERED, contribution(lazy, Kind.TOOL, "Forgotten").status());
    assertEquals(List.of("Used"), host.toolNames());
  }

  @Test
  void anIndexLineWhoseDescriptorNoLongerMatchesTheClassIsADigestMismatchForAHostThatChecksClasses() {
    Path m = module("m", CLOCK);
    IndexLine line = ((IndexEntry.Valid) IndexFile.read("x", FeatureCompiler.index(m).getBytes()).get(0)).line();
    FeatureDescriptor d = line.descriptor();
    FeatureDescriptor edited = new FeatureDescriptor(d.slug(), d.name(), d.version(), "now with more power",
        d.runtime(), d.featureClass(), d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(),
        d.requiredServices(), d.authorities());
    // A consistent line (its digest recomputed) over the original classes.
    FeatureCompiler.rewriteIndex(m, IndexFile.write(List.of(IndexLine.of(line.module(), line.descriptorClass(), edited))));

    InstallReport report = installBuiltinsCheckingDescriptorClasses(m);

    FeatureReport clock = feature(report, "builtin:clock");
    assertFalse(clock.installed());
    String message = clock.diagnostics("yoi/digest-mismatch").get(0).message();
    assertTrue(message.contains("the class acme.clock.ClockFeature_FeatureDescriptor says  " + line.digest()), message);
    assertTrue(message.contains("says  " + IndexLine.of("", "", edited).digest()), message);
    assertEquals(List.of(), host.commits());
  }

  /**
   * By default the index line is the boundary: a consistent line over classes of another build
   * installs as the line declares (its digest is what approvals key on, and every registration is
   * checked against its descriptor), without loading the descriptor class; {@code yoi verify} and
   * {@code yoi approve} report the disagreement (VerifyCommandTest, ApproveCommandTest).
   */
  @Test
  void byDefaultALineOverClassesOfAnotherBuildInstallsAsTheLineDeclaresWithoutItsDescriptorClass()
      throws Exception {
    Path m = module("m", CLOCK);
    IndexLine line = ((IndexEntry.Valid) IndexFile.read("x", FeatureCompiler.index(m).getBytes()).get(0)).line();
    FeatureDescriptor d = line.descriptor();
    FeatureDescriptor edited = new FeatureDescriptor(d.slug(), d.name(), d.version(), "now with more power",
        d.runtime(), d.featureClass(), d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(),
        d.requiredServices(), d.authorities());
    FeatureCompiler.rewriteIndex(m, IndexFile.write(List.of(IndexLine.of(line.module(), line.descriptorClass(), edited))));
    // Not even there: the default install never needs it.
    Files.delete(m.resolve(line.descriptorClass().replace('.', '/') + ".class"));

    InstallReport report = installBuiltins(m);

    FeatureReport clock = feature(report, "builtin:clock");
    assertTrue(clock.installed(), clock.diagnostics().toString());
    assertEquals(IndexLine.of("", "", edited).digest(), clock.digest());
    assertEquals(List.of("builtin:clock"), report.installOrder());
  }

  /**
   * A large install loads its classes on a second thread ahead of the install, but initialises none
   * there: every feature class's static initialiser still runs on the installing thread, in
   * install order.
   */
  @Test
  void classesLoadedAheadOfALargeInstallAreStillInitialisedByTheInstallInItsOrder() {
    String property = "yoi.test.init." + System.nanoTime();
    List<FeatureCompiler.Source> sources = new ArrayList<>();
    int count = ClassPreloader.FROM + 6;
    for (int i = 0; i < count; i++) {
      sources.add(FeatureCompiler.java(String.format("""
          package acme.many;
          @Feature(id = "f%03d", name = "F%03d")
          public final class F%03d implements FeatureModule {
            static {
              System.setProperty("%s", System.getProperty("%s", "")
                  + Thread.currentThread().getName() + "|builtin:f%03d,");
            }
            public void install(InstallContext c) { c.tools().register(new T()); }
            @ToolContribution(name = "t%03d", description = "A tool")
            public static final class T implements Tool<JsonNode> {
              public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("ok"); }
            }
          }
          """, i, i, i, property, property, i, i)));
    }
    Path m = FeatureCompiler.compile(dir.resolve("many"), sources.toArray(FeatureCompiler.Source[]::new));

    InstallReport report = installBuiltins(m);

    assertEquals(count, report.installOrder().size(), report.toJson());
    List<String> expected = new ArrayList<>();
    for (String id : report.installOrder()) {
      expected.add(Thread.currentThread().getName() + "|" + id);
    }
    assertEquals(expected, List.of(System.getProperty(property).split(",")));
    System.clearProperty(property);
  }

  @Test
  void classesAreLoadedAheadAsLinesAreReadButNeverThoseOfADisabledFeatureNorOfAPluginNotEnabled()
      throws Exception {
    int count = ClassPreloader.FROM + 6;
    Path builtins = FeatureCompiler.compile(dir.resolve("many"), manyFeatures("acme.many", count));
    Path plugins = FeatureCompiler.compile(dir.resolve("plugins"), manyFeatures("acme.plugin", count));
    Set<String> loaded = ConcurrentHashMap.newKeySet();
    try (URLClassLoader builtinLoader = recording(builtins, loaded);
        URLClassLoader pluginLoader = recording(plugins, loaded)) {
      // f003 and f050 disabled: one read before the preloading thread starts, one after.
      Enablement enablement = new Enablement(Set.of("project:f007"), Set.of("builtin:f003", "builtin:f050"));
      ClassPreloader preloader = new ClassPreloader(enablement, true);

      FeatureCatalog.read(List.of(new FeatureLoader(builtinLoader, FeatureSource.BUILTIN),
          new FeatureLoader(pluginLoader, FeatureSource.PROJECT)), List.of(), preloader);
      preloader.readDone();
      preloader.join();

      List<String> expected = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (i != 3 && i != 50) {
          expected.add(String.format("acme.many.F%03d", i));
          expected.add(String.format("acme.many.F%03d$T", i));
        }
      }
      expected.add("acme.plugin.F007");
      expected.add("acme.plugin.F007$T");
      assertEquals(expected.stream().sorted().toList(),
          loaded.stream().filter(name -> name.startsWith("acme.")).sorted().toList());
    }
  }

  @Test
  void staticInitialisersRunOnTheInstallingThreadInInstallOrderWhileClassesAreLoadedAhead() {
    String property = "yoi.test.init." + System.nanoTime();
    List<FeatureCompiler.Source> sources = new ArrayList<>();
    int count = ClassPreloader.FROM + 6;
    for (int i = 0; i < count; i++) {
      sources.add(FeatureCompiler.java(String.format("""
          package acme.order;
          @Feature(id = "f%03d", name = "F%03d")
          public final class F%03d implements FeatureModule {
            static {
              System.setProperty("%s", System.getProperty("%s", "")
                  + Thread.currentThread().getName() + "|builtin:f%03d,");
            }
            public void install(InstallContext c) {}
          }
          """, i, i, i, property, property, i)));
    }
    Path m = FeatureCompiler.compile(dir.resolve("order"), sources.toArray(FeatureCompiler.Source[]::new));
    Enablement enablement = new Enablement(Set.of(), Set.of("builtin:f010"));

    InstallReport report = FeatureRegistry.install(List.of(new FeatureLoader(loader(m), FeatureSource.BUILTIN)),
        List.of(), enablement, AuthorityPolicy.grantRequested(), host, List.of(), false,
        new ClassPreloader(enablement, true));

    List<String> expected = new ArrayList<>();
    for (String id : report.installOrder()) {
      expected.add(Thread.currentThread().getName() + "|" + id);
    }
    assertEquals(count - 1, expected.size(), report.toJson());
    assertEquals(expected, List.of(System.getProperty(property).split(",")));
    System.clearProperty(property);
  }

  /** {@code count} features {@code f000}, ... in {@code pkg}, each with one tool. */
  private static FeatureCompiler.Source[] manyFeatures(String pkg, int count) {
    List<FeatureCompiler.Source> sources = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sources.add(FeatureCompiler.java(String.format("""
          package %s;
          @Feature(id = "f%03d", name = "F%03d")
          public final class F%03d implements FeatureModule {
            public void install(InstallContext c) { c.tools().register(new T()); }
            @ToolContribution(name = "%s_t%03d", description = "A tool")
            public static final class T implements Tool<JsonNode> {
              public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("ok"); }
            }
          }
          """, pkg, i, i, i, pkg.replace('.', '_'), i)));
    }
    return sources.toArray(FeatureCompiler.Source[]::new);
  }

  /** A loader over {@code dir} that records the name of every class it is asked for. */
  private static URLClassLoader recording(Path dir, Set<String> loaded) {
    return new URLClassLoader(Indexes.urls(dir), InstallTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        loaded.add(name);
        return super.loadClass(name, resolve);
      }
    };
  }

  @Test
  void aFeatureClassThatIsNotOnItsLoaderIsAnInstallFailureNamingTheClassAndTheLine() throws IOException {
    Path m = module("m", CLOCK);
    Files.delete(m.resolve("acme/clock/ClockFeature.class"));

    InstallReport report = installBuiltins(m);

    FeatureReport clock = feature(report, "builtin:clock");
    assertFalse(clock.installed());
    String message = clock.diagnostics("yoi/install-failed").get(0).message();
    assertTrue(message.contains("its feature class acme.clock.ClockFeature named by the index (index line "), message);
    assertTrue(message.contains("is not on its class loader"), message);
    assertEquals(List.of(), host.commits());
  }

  @Test
  void aDescriptorClassWhoseDescriptorJsonWasTamperedWithIsADigestMismatchForAHostThatChecksClasses()
      throws IOException {
    Path m = module("m", CLOCK);
    IndexLine line = ((IndexEntry.Valid) IndexFile.read("x", FeatureCompiler.index(m).getBytes()).get(0)).line();
    // Same-length edit of the class file's DESCRIPTOR_JSON constant: DIGEST and the index untouched.
    Path classFile = m.resolve("acme/clock/ClockFeature_FeatureDescriptor.class");
    String bytes = Files.readString(classFile, StandardCharsets.ISO_8859_1);
    assertTrue(bytes.contains("The time in a zone"), "the class holds the descriptor as text");
    Files.writeString(classFile, bytes.replace("The time in a zone", "The time in a ZONE"), StandardCharsets.ISO_8859_1);
    String tampered = CanonicalJson.write(line.descriptor()).replace("The time in a zone", "The time in a ZONE");

    InstallReport report = installBuiltinsCheckingDescriptorClasses(m);

    FeatureReport clock = feature(report, "builtin:clock");
    assertFalse(clock.installed());
    String message = clock.diagnostics("yoi/digest-mismatch").get(0).message();
    assertTrue(message.contains("the class acme.clock.ClockFeature_FeatureDescriptor says  " + line.digest()), message);
    assertTrue(message.contains("recomputes to  " + Digests.ofCanonicalJson(tampered)), message);
    assertEquals(List.of(), host.commits());
  }

  @Test
  void anIndexLineEditedAfterTheBuildIsRefusedWithoutLoadingAnything() {
    Path m = module("m", CLOCK);
    FeatureCompiler.rewriteIndex(m, FeatureCompiler.index(m).replace("The time in a zone", "The time anywhere"));

    InstallReport report = installBuiltins(m);

    FeatureReport clock = feature(report, "builtin:clock");
    assertFalse(clock.installed());
    assertTrue(clock.hasDiagnostic("yoi/digest-mismatch"));
    assertEquals(List.of(), report.installOrder());
  }

  @Test
  void aCorruptIndexLineIsReportedAndEveryOtherFeatureStillInstalls() {
    Path m = module("m", CLOCK);
    FeatureCompiler.rewriteIndex(m, "{\"format\":1,\"slug\":\n" + FeatureCompiler.index(m));

    InstallReport report = installBuiltins(m);

    assertTrue(feature(report, "builtin:clock").installed());
    assertEquals(1, report.diagnostics().size());
    assertEquals("yoi/index-corrupt", report.diagnostics().get(0).code());
    assertTrue(report.diagnostics().get(0).message().contains("index line 1 of "));
  }

  @Test
  void aPluginLoaderDoesNotReReadTheHostsIndexes() throws Exception {
    Path builtins = module("builtins", CLOCK);
    Path plugins = module("plugins", ALARM.replace("builtin:clock", "builtin:clock"));
    URLClassLoader host = loader(builtins);
    URLClassLoader plugin = new URLClassLoader(dev.yoi.feature.testing.Indexes.urls(plugins), host);
    loaders.add(plugin);

    InstallReport report = FeatureRegistry.install(
        List.of(new FeatureLoader(host, FeatureSource.BUILTIN), new FeatureLoader(plugin, FeatureSource.USER)),
        new Enablement(Set.of("user:alarm"), Set.of()), AuthorityPolicy.grantRequested(), this.host);

    assertEquals(List.of("builtin:clock", "user:alarm"), report.features().stream().map(FeatureReport::id).toList());
    assertEquals(List.of("builtin:clock", "user:alarm"), report.installOrder());
    assertTrue(report.allDiagnostics().stream().noneMatch(d -> d.severity() == Severity.ERROR), report.toJson());
  }

  @Test
  void gatedHandlesNeedTheirGrantAndSayHowToRequestIt() {
    InstallReport report = installBuiltins(module("m", """
        package acme.notes;
        @Feature(id = "notes", name = "Notes")
        @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "notes", reason = "keeps notes")
        public final class NotesFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.stateStore("notes").put("k", "v");
            try { c.stateStore("other"); } catch (AuthorityDeniedException e) { c.diagnostics().info(e.getMessage()); }
            try { c.secret("token"); } catch (AuthorityDeniedException e) { c.diagnostics().info(e.getMessage()); }
            try { c.manifest(); } catch (AuthorityDeniedException e) { c.diagnostics().info(e.getMessage()); }
            try { c.notifier().notifyModel("hi"); } catch (AuthorityDeniedException e) { c.diagnostics().info(e.getMessage()); }
          }
        }
        """));

    FeatureReport notes = feature(report, "builtin:notes");
    assertTrue(notes.installed(), "a denied handle the feature handles is not a failure");
    assertEquals("v", host.stateStore("builtin:notes", "notes").get("k").orElseThrow());
    List<String> messages = notes.diagnostics().stream().map(Diagnostic::message).toList();
    assertEquals(4, messages.size(), messages.toString());
    assertTrue(messages.get(0).startsWith("[yoi/feature-note] builtin:notes: [yoi/authority-denied] feature builtin:notes tried to open"
        + " the state store \"other\" without the grant STATE_STORE:other. Request it with"
        + " @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = \"other\", reason = \"...\")"), messages.get(0));
    assertTrue(messages.get(1).contains("without the grant SECRET_REF:token"), messages.get(1));
    assertTrue(messages.get(2).contains("without the grant POD_MANAGEMENT"), messages.get(2));
    assertTrue(messages.get(3).contains("without the grant MODEL_NOTIFICATION"), messages.get(3));
  }

  @Test
  void notificationsSentDuringInstallAreDeliveredOnlyOnCommit() {
    installBuiltins(module("m", """
        package acme.greeter;
        @Feature(id = "greeter", name = "Greeter")
        @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, reason = "greets")
        public final class GreeterFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.notifier().notifyModel("hello");
            c.alerts().info("greeter ready");
          }
        }
        """));

    assertEquals(List.of("builtin:greeter: hello"), host.notifications());
    assertEquals(List.of("builtin:greeter: INFO greeter ready"), host.alerts());
  }

  @Test
  void lookingUpAnUndeclaredServiceIsRejected() {
    InstallReport report = installBuiltins(module("m", CLOCK, """
        package acme.peek;
        @Feature(id = "peek", name = "Peek")
        public final class PeekFeature implements FeatureModule {
          public void install(InstallContext c) { c.services().require("builtin:clock", Supplier.class); }
        }
        """));

    FeatureReport peek = feature(report, "builtin:peek");
    assertFalse(peek.installed());
    assertTrue(peek.diagnostics("yoi/undeclared-contribution").get(0).message()
        .contains("looked up service builtin:clock, which it does not declare"));
  }

  @Test
  void aConsumerGrantedServiceAccessGetsThePrivilegedService() {
    InstallReport report = installBuiltins(module("m", """
        package acme.vault;
        @Feature(id = "vault", name = "Vault")
        public final class VaultFeature implements FeatureModule {
          public void install(InstallContext c) { c.services().provide(Supplier.class, new Keys()); }
          @ProvidesService(id = "keys", version = "2.0.0", type = Supplier.class, privileged = true)
          public static final class Keys implements Supplier<String> { public String get() { return "k"; } }
        }
        """, """
        package acme.signer;
        @Feature(id = "signer", name = "Signer")
        @RequiresService(id = "builtin:keys", version = ">=2.0 <3.0", type = Supplier.class, reason = "signs")
        @RequiresAuthority(value = AuthorityKind.SERVICE_ACCESS, scope = "builtin:keys", reason = "signs")
        public final class SignerFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.diagnostics().info("key " + c.services().require("builtin:keys", Supplier.class).get());
          }
        }
        """));

    FeatureReport signer = feature(report, "builtin:signer");
    assertTrue(signer.installed(), report.toJson());
    assertEquals("[yoi/feature-note] builtin:signer: key k", signer.diagnostics().get(0).message());
  }

  @Test
  void registeringAfterInstallReturnedIsRefused() throws Exception {
    installBuiltins(module("m", """
        package acme.late;
        @Feature(id = "late", name = "Late")
        public final class LateFeature implements FeatureModule {
          public void install(InstallContext c) { c.backgroundTasks().register(new Later(c)); }
          @BackgroundTaskContribution(name = "later", description = "Registers too late")
          public static final class Later implements BackgroundTask {
            private final InstallContext context;
            public Later(InstallContext context) { this.context = context; }
            public void run(TaskContext task) { context.tools().register(new Extra()); }
          }
          @ToolContribution(name = "Extra", description = "Too late")
          public static final class Extra implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text(""); }
          }
        }
        """));

    FeatureContributions.TaskEntry later = host.commits().get(0).tasks().get(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> later.task().run(null));
    assertTrue(e.getMessage().contains("after its install returned"), e.getMessage());
  }

  @Test
  void aDryRunRunsTheWholePathButCommitsNothingToTheHost() {
    Path m = module("m", CLOCK);
    InstallReport report = DryRun.report(List.of(new FeatureLoader(loader(m), FeatureSource.BUILTIN)),
        PodManifest.empty(), AuthorityPolicy.grantRequested());

    assertTrue(feature(report, "builtin:clock").installed());
    assertEquals(List.of(), host.commits());
  }

  @Test
  void theReportOfARealInstallRoundTripsThroughJson() {
    InstallReport report = installBuiltins(module("m", CLOCK, ALARM));

    assertEquals(report, InstallReport.fromJson(report.toJson()));
    assertTrue(CanonicalJson.parse(report.toJson()).isObject());
  }
}
