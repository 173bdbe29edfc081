package dev.yoi.feature.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.grant.GrantDecision;
import dev.yoi.feature.grant.GrantRequest;
import dev.yoi.feature.reliability.FaultyFeatures.Mode;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.manifest.PodManifest;
import dev.yoi.pod.notify.Alert;
import dev.yoi.pod.service.ServiceBinding;
import dev.yoi.pod.task.TaskStatus;
import dev.yoi.pod.tool.ToolDefinition;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;

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
 * <p>The features are compiled once per run (a jqwik store). CI: 300 Pods; soak: 5,000 more.
 */
class InstallFaultPropertyTest {
  private static final List<FeatureSource> SOURCES = List.of(FeatureSource.BUILTIN, FeatureSource.PROJECT);

  /**
   * The compiled features and a class loader per source, shared by every try of a run; jqwik closes
   * it (deleting the directory) when the run's store ends.
   */
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

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Plan> plan = Combinators.combine(
            Arbitraries.integers().between(0, 9).map(x -> x < 6),
            Arbitraries.integers().between(0, 9).map(x -> x < 9),
            Arbitraries.integers().between(0, 9).map(x -> x < 8),
            Arbitraries.of(Mode.values()).optional(0.4),
            Arbitraries.integers().between(0, FaultyFeatures.STEPS - 1))
        .as(Plan::new);
    return plan.list().ofSize(SOURCES.size() * FaultyFeatures.COUNT).map(list -> {
      Map<String, Plan> plans = new TreeMap<>();
      int i = 0;
      for (FeatureSource source : SOURCES) {
        for (int n = 1; n <= FaultyFeatures.COUNT; n++) {
          plans.put(id(source, n), list.get(i++));
        }
      }
      return new Scenario(plans);
    });
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void noSurfaceEverHoldsAContributionOfAFeatureThatIsNotInstalled(@ForAll("scenarios") Scenario scenario) {
    check(scenario);
  }

  @Property(tries = 5_000, edgeCases = EdgeCasesMode.NONE)
  @AddLifecycleHook(Soak.Only.class)
  void soakNoSurfaceEverHoldsAContributionOfAFeatureThatIsNotInstalled(@ForAll("scenarios") Scenario scenario) {
    check(scenario);
  }

  private static Compiled compiled() {
    return Store.getOrCreate("yoi-faulty-features", Lifespan.RUN, Compiled::create).get();
  }

  private static void check(Scenario scenario) {
    Compiled compiled = compiled();
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
    for (ServiceBinding service : pod.services()) {
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
