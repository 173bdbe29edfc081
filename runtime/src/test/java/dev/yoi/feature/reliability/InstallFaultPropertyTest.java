package dev.yoi.feature.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.grant.GrantDecision;
import dev.yoi.feature.grant.GrantRequest;
import dev.yoi.feature.reliability.FaultyFeatures.Mode;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Alert;
import dev.yoi.pod.InstalledService;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.ToolDefinition;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.task.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 6.3: random feature sets (the six {@link FaultyFeatures}, each from the builtin loader, the
 * project loader or both, enabled or not) failing at random points (a throwing install, an
 * undeclared or duplicate registration, an undeclared service lookup, an ungranted handle, a
 * denied required or optional authority, a missing required service, a tool name another feature
 * installed first), installed into a real Pod. Whatever happens, no surface (tools, hooks, tasks,
 * services, history notifications, alerts) holds a contribution of a feature that is not
 * installed, every installed feature has all of its contributions there, and each feature's fate
 * is the one its plan implies.
 *
 * <p>The features are compiled once for the class (its one instance holds them). CI: 300 Pods;
 * soak ({@code -Dyoi.soak=true}): 5,000 more. The scenarios come from {@link SeededCases}: a fixed
 * seed, {@code -Dyoi.seed} to change it, and every failure prints the seed and case that replay it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallFaultPropertyTest {
  private static final List<FeatureSource> SOURCES = List.of(FeatureSource.BUILTIN, FeatureSource.PROJECT);
  private static final int CI = 300;
  private static final int SOAK = 5_000;

  /** Compiled in {@link #compile}, closed (its directory deleted) in {@link #close}. */
  private Compiled compiled;

  /** The compiled features and a class loader per source, shared by every scenario of the class. */
  record Compiled(Path dir, Map<FeatureSource, URLClassLoader> loaders) implements AutoCloseable {
    static Compiled create() {
      try {
        Path dir = Files.createTempDirectory("yoi-faulty-features");
        Path classes = FaultyFeatures.compile(dir.resolve("classes"));
        Map<FeatureSource, URLClassLoader> loaders = new TreeMap<>();
        for (FeatureSource source : SOURCES) {
          loaders.put(source, FeatureCompiler.loader(classes));
        }
        return new Compiled(dir, loaders);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      for (URLClassLoader loader : loaders.values()) {
        try {
          loader.close();
        } catch (IOException ignored) {
          // a temporary directory's loader; nothing to save
        }
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort: it is under the temporary directory
      }
    }
  }

  /**
   * What happens to one feature id in a try.
   *
   * @param fault the failure injected into its install, if any, and the step it strikes before
   */
  record Plan(boolean enabled, boolean filesystem, boolean notification, Optional<Mode> fault, int at) {
    List<String> grants() {
      List<String> out = new ArrayList<>();
      if (filesystem) {
        out.add("FILESYSTEM");
      }
      if (notification) {
        out.add("MODEL_NOTIFICATION");
      }
      fault.ifPresent(m -> {
        out.add("SECRET_REF:" + m.scope());
        out.add("SECRET_REF:at-" + at);
      });
      return out;
    }
  }

  /** A plan per feature id, {@code builtin:f1} .. {@code project:f6}. */
  record Scenario(Map<String, Plan> plans) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      plans.forEach((id, p) -> {
        if (p.enabled()) {
          out.append("\n  ").append(id).append(": ").append(p);
        }
      });
      return out.toString();
    }
  }

  /** A plan per feature id: enabled 6 in 10, FILESYSTEM granted 9 in 10, MODEL_NOTIFICATION 8 in 10, a fault 4 in 10. */
  static Gen<Scenario> scenarios() {
    Gen<Integer> tenth = Gen.between(0, 9);
    Gen<Optional<Mode>> fault = Gen.of(Mode.values()).optional(0.4);
    Gen<Integer> at = Gen.between(0, FaultyFeatures.STEPS - 1);
    Gen<Plan> plan = r -> new Plan(tenth.next(r) < 6, tenth.next(r) < 9, tenth.next(r) < 8, fault.next(r), at.next(r));
    return r -> {
      Map<String, Plan> plans = new TreeMap<>();
      for (FeatureSource source : SOURCES) {
        for (int n = 1; n <= FaultyFeatures.COUNT; n++) {
          plans.put(id(source, n), plan.next(r));
        }
      }
      return new Scenario(plans);
    };
  }

  @BeforeAll
  void compile() {
    compiled = Compiled.create();
  }

  @AfterAll
  void close() {
    if (compiled != null) {
      compiled.close();
    }
  }

  @Test
  void noSurfaceEverHoldsAContributionOfAFeatureThatIsNotInstalled() {
    Fates fates = new Fates();
    int run = SeededCases.check(getClass().getSimpleName(), 0, CI, scenarios(), s -> fates.add(check(s)));
    Figures.report("install.fault.pods", run);
    fates.report("install.fault");
  }

  /** The soak scenarios come after the CI ones: 5,000 more Pods. */
  @Test
  void soakNoSurfaceEverHoldsAContributionOfAFeatureThatIsNotInstalled() {
    Soak.only();
    Fates fates = new Fates();
    int run = SeededCases.check(getClass().getSimpleName(), CI, SOAK, scenarios(), s -> fates.add(check(s)));
    Figures.report("install.fault.soak.pods", run);
    fates.report("install.fault.soak");
  }

  /** How the features of the checked Pods fared, for docs/reliability.md. */
  private static final class Fates {
    int installed;
    int failedInstalls;
    int missingServices;
    int duplicateTools;

    void add(InstallReport report) {
      for (FeatureReport f : report.features()) {
        installed += f.installed() ? 1 : 0;
        failedInstalls += f.hasDiagnostic(DiagnosticCode.INSTALL_FAILED.code()) ? 1 : 0;
        missingServices += f.hasDiagnostic(DiagnosticCode.MISSING_SERVICE.code()) ? 1 : 0;
        duplicateTools += f.hasDiagnostic(DiagnosticCode.DUPLICATE_CONTRIBUTION.code()) ? 1 : 0;
      }
    }

    void report(String prefix) {
      Figures.report(prefix + ".installed", installed);
      Figures.report(prefix + ".failedInstalls", failedInstalls);
      Figures.report(prefix + ".missingServices", missingServices);
      Figures.report(prefix + ".duplicateTools", duplicateTools);
    }
  }

  /** Checks one scenario; returns its install report. */
  private InstallReport check(Scenario scenario) {
    List<String> enable = new ArrayList<>();
    List<String> disable = new ArrayList<>();
    scenario.plans().forEach((id, plan) -> {
      if (id.startsWith("builtin:") && !plan.enabled()) {
        disable.add(id);
      } else if (id.startsWith("project:") && plan.enabled()) {
        enable.add(id);
      }
    });
    List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
    Pod.Builder builder = Pod.builder()
        .manifest(new PodManifest(enable, disable, List.of(), List.of(), Optional.empty()))
        .authorityPolicy((GrantRequest request) -> GrantDecision.grant(scenario.plans().get(request.featureId()).grants()))
        .alerts(alerts::add);
    for (FeatureSource source : SOURCES) {
      builder.features(compiled.loaders().get(source), source);
    }
    try (Pod pod = builder.build()) {
      InstallReport report = pod.start();
      Set<String> installed = new HashSet<>();
      for (FeatureReport f : report.features()) {
        if (f.installed()) {
          installed.add(f.id());
        }
      }
      checkSurfaces(pod, report, installed, alerts);
      checkFates(scenario, report, installed);
      return report;
    }
  }

  /** Exactly the installed features' contributions are on the Pod's surfaces: no more, no fewer. */
  private static void checkSurfaces(Pod pod, InstallReport report, Set<String> installed, List<Alert> alerts) {
    Map<String, List<String>> held = new TreeMap<>();
    for (ToolDefinition tool : pod.toolDefinitions()) {
      held.computeIfAbsent(tool.featureId(), k -> new ArrayList<>()).add("tool " + tool.name());
    }
    for (HookPoint point : HookPoint.values()) {
      pod.hooks(point).forEach(h -> held.computeIfAbsent(h.featureId(), k -> new ArrayList<>()).add("hook " + h.name()));
    }
    for (TaskStatus task : pod.tasks()) {
      held.computeIfAbsent(task.featureId(), k -> new ArrayList<>()).add("task " + task.name());
    }
    for (InstalledService service : pod.services()) {
      held.computeIfAbsent(service.providerFeatureId(), k -> new ArrayList<>()).add("service " + service.id());
    }
    for (HistoryEntry entry : pod.history()) {
      if (entry instanceof HistoryEntry.SystemItem item) {
        held.computeIfAbsent(item.featureId(), k -> new ArrayList<>()).add("notification " + item.text());
      }
    }
    synchronized (alerts) {
      for (Alert alert : alerts) {
        held.computeIfAbsent(alert.featureId(), k -> new ArrayList<>()).add("alert " + alert.message());
      }
    }
    for (Map.Entry<String, List<String>> e : held.entrySet()) {
      assertTrue(installed.contains(e.getKey()), () -> "not installed, yet on the Pod: " + e + "\n" + report.toJson());
    }
    for (String id : installed) {
      String n = id.substring(id.indexOf(":f") + 2);
      String source = id.substring(0, id.indexOf(':'));
      List<String> expected = new ArrayList<>(List.of("tool Tool" + n, "hook hook" + n, "task task" + n,
          "service " + source + ":svc-" + n, "notification hello from f" + n, "alert f" + n + " is ready"));
      List<String> actual = new ArrayList<>(held.getOrDefault(id, List.of()));
      Collections.sort(expected);
      Collections.sort(actual);
      assertEquals(expected, actual, "installed " + id + " holds exactly its contributions, once each");
      FeatureReport feature = report.feature(id).orElseThrow();
      for (ContributionReport c : feature.contributions()) {
        assertEquals(ContributionReport.Status.INSTALLED, c.status(), id + ": " + c);
      }
    }
    for (FeatureReport f : report.features()) {
      if (!f.installed()) {
        for (ContributionReport c : f.contributions()) {
          assertFalse(c.status() == ContributionReport.Status.INSTALLED, f.id() + " reports " + c);
        }
      }
    }
  }

  /** Each feature's fate follows from its plan, its provider's fate, and the tool names taken. */
  private static void checkFates(Scenario scenario, InstallReport report, Set<String> installed) {
    for (Map.Entry<String, Plan> e : scenario.plans().entrySet()) {
      String id = e.getKey();
      Plan plan = e.getValue();
      int n = Integer.parseInt(id.substring(id.indexOf(":f") + 2));
      boolean isInstalled = installed.contains(id);
      String why = id + " " + plan + "\n" + report.feature(id).map(FeatureReport::diagnostics).orElse(List.of());
      if (!plan.enabled()) {
        assertFalse(isInstalled, why);
        continue;
      }
      boolean mayInstall = plan.filesystem() && plan.notification() && plan.fault().isEmpty()
          && FaultyFeatures.dependency(n).map(d -> installed.contains("builtin:f" + d)).orElse(true);
      if (!mayInstall) {
        assertFalse(isInstalled, "expected not installed: " + why);
        continue;
      }
      // The same tool from the other source: at most one of the pair has it, and one does.
      String other = id.startsWith("builtin:") ? "project:f" + n : "builtin:f" + n;
      if (isInstalled) {
        assertFalse(installed.contains(other), "both " + id + " and " + other + " installed Tool" + n);
      } else {
        assertTrue(installed.contains(other), "expected installed (or its twin): " + why);
        assertTrue(report.feature(id).orElseThrow().hasDiagnostic("yoi/duplicate-contribution"), why);
      }
    }
  }

  private static String id(FeatureSource source, int n) {
    return source.qualify("f" + n);
  }
}
