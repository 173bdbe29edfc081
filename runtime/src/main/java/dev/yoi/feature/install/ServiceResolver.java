package dev.yoi.feature.install;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Identities;
import dev.yoi.descriptor.Names;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.RequiredServiceReport.Status;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.report.Diagnostics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves every candidate's required services against the providers, finds every cycle, missing
 * provider, version mismatch and privilege denial (all of them, not the first), refuses the
 * candidates that cannot install (and, transitively, the ones that need them), and orders the rest
 * topologically: providers first, ties by feature id. Works on descriptors only; no class is loaded.
 */
final class ServiceResolver {
  /** Providers listed by service id as shown ({@code builtin:clock}), as messages list them. */
  private static final Comparator<Identities.Key> BY_SHOWN = Comparator.comparing(Identities.Key::shown);

  private final Map<String, ServiceNode> nodes = new TreeMap<>();
  /** Service identity to its providers, sorted by feature id. */
  private final Map<Identities.Key, List<Provider>> providers = new TreeMap<>(BY_SHOWN);
  private final Map<String, String> refused = new LinkedHashMap<>();
  private final Map<String, List<Diagnostic>> diagnostics = new HashMap<>();
  private final Map<String, List<Requirement>> requirements = new TreeMap<>();
  private final List<Diagnostic> reportDiagnostics = new ArrayList<>();
  /** Version-in-range verdicts by "version range": consumers of one provider repeat them. */
  private final Map<String, Boolean> inRange = new HashMap<>();

  private ServiceResolver(List<ServiceNode> all) {
    for (ServiceNode node : all) {
      nodes.put(node.featureId(), node);
    }
    for (ServiceNode node : nodes.values()) {
      for (ProvidedService service : node.descriptor().providedServices()) {
        Identities.Key key = IdentityKeys.service(node.source(), service.id());
        List<Provider> list = providers.get(key);
        if (list == null) {
          list = new ArrayList<>();
          providers.put(key, list);
        }
        list.add(new Provider(node, service));
      }
    }
  }

  /**
   * Resolves services over {@code nodes}: the candidates to install and, for better messages, the
   * features that will not be installed anyway ({@link ServiceNode#blockedBy()}).
   */
  static ServicePlan resolve(List<ServiceNode> nodes) {
    ServiceResolver resolver = new ServiceResolver(nodes);
    resolver.refuseDuplicateProviders();
    resolver.resolveRequirements();
    resolver.refuseCycles();
    resolver.cascade();
    List<String> order = resolver.order();
    Map<String, List<RequiredServiceReport>> services = new TreeMap<>();
    for (Map.Entry<String, List<Requirement>> entry : resolver.requirements.entrySet()) {
      List<RequiredServiceReport> reports = new ArrayList<>(entry.getValue().size());
      for (Requirement requirement : entry.getValue()) {
        reports.add(requirement.report());
      }
      services.put(entry.getKey(), reports);
    }
    Map<String, List<Diagnostic>> diagnostics = new TreeMap<>();
    for (Map.Entry<String, List<Diagnostic>> entry : resolver.diagnostics.entrySet()) {
      diagnostics.put(entry.getKey(), List.copyOf(entry.getValue()));
    }
    return new ServicePlan(order, diagnostics, services, resolver.reportDiagnostics);
  }

  private List<ServiceNode> candidates() {
    List<ServiceNode> candidates = new ArrayList<>(nodes.size());
    for (ServiceNode node : nodes.values()) {
      if (node.candidate()) {
        candidates.add(node);
      }
    }
    return candidates;
  }

  /** Two candidates providing one qualified id: the first by id keeps it, the others are refused. */
  private void refuseDuplicateProviders() {
    for (Map.Entry<Identities.Key, List<Provider>> entry : providers.entrySet()) {
      if (entry.getValue().size() < 2) {
        continue; // the usual case: one provider, nothing to compare
      }
      String serviceId = entry.getKey().shown();
      List<Provider> candidates = entry.getValue().stream().filter(p -> p.node.candidate()).toList();
      if (candidates.size() < 2) {
        continue;
      }
      List<String> parties = candidates.stream()
          .map(p -> p.node.featureId() + "  " + p.service.className()).sorted().toList();
      Provider kept = candidates.get(0);
      for (Provider loser : candidates.subList(1, candidates.size())) {
        String id = loser.node.featureId();
        add(id, Diagnostics.error(DiagnosticCode.DUPLICATE_CONTRIBUTION, id,
            "service " + serviceId + " is provided " + candidates.size() + " times:" + Diagnostics.lines(parties)
                + "\n  A qualified service id has one provider. " + kept.node.featureId()
                + " comes first by id and keeps it, so " + id + " is not installed. Rename one"
                + " service (@ProvidesService(id)) or disable one of the features in the manifest."));
        refuse(id, "it provides service " + serviceId + ", which " + kept.node.featureId()
            + " also provides (yoi/duplicate-contribution)");
      }
    }
  }

  /** The provider a requirement binds to: the first candidate provider, else the first of any. */
  private Provider providerOf(String serviceId) {
    List<Provider> list = providers.getOrDefault(IdentityKeys.service(serviceId), List.of());
    for (Provider provider : list) {
      if (provider.node.candidate() && !refused.containsKey(provider.node.featureId())) {
        return provider;
      }
    }
    return list.isEmpty() ? null : list.get(0);
  }

  private void resolveRequirements() {
    for (ServiceNode consumer : candidates()) {
      List<Requirement> list = new ArrayList<>();
      for (RequiredService required : consumer.descriptor().requiredServices()) {
        Requirement requirement = new Requirement(required);
        list.add(requirement);
        resolve(consumer, requirement);
      }
      requirements.put(consumer.featureId(), list);
    }
  }

  private void resolve(ServiceNode consumer, Requirement requirement) {
    RequiredService required = requirement.required;
    String id = consumer.featureId();
    Provider provider = providerOf(required.id());
    if (provider == null) {
      requirement.status = Status.MISSING;
      fail(consumer, requirement, DiagnosticCode.MISSING_SERVICE, DiagnosticCode.OPTIONAL_SERVICE_MISSING,
          "feature " + id + " requires " + wants(required) + ", but no feature provides it" + otherSources(required.id())
              + ". Install and enable the feature that provides " + required.id(),
          "it requires service " + required.id() + ", which no feature provides (yoi/missing-service)");
      return;
    }
    requirement.provider = provider;
    String providerId = provider.node.featureId();
    if (!provider.node.candidate() || refused.containsKey(providerId)) {
      requirement.status = Status.MISSING;
      String why = provider.node.blockedBy().orElseGet(() -> refused.get(providerId));
      fail(consumer, requirement, DiagnosticCode.MISSING_SERVICE, DiagnosticCode.OPTIONAL_SERVICE_MISSING,
          "feature " + id + " requires " + wants(required) + ", but its provider " + providerId
              + " is not installed: " + why + ". Make " + providerId + " installable",
          "its required provider " + providerId + " is not installed (yoi/missing-service)");
      return;
    }
    ProvidedService service = provider.service;
    if (!service.type().equals(required.type())) {
      // No provider offers the service as the type required: missing, with both types named.
      requirement.status = Status.MISSING;
      fail(consumer, requirement, DiagnosticCode.MISSING_SERVICE, DiagnosticCode.OPTIONAL_SERVICE_MISSING,
          "feature " + id + " requires " + wants(required) + ": type " + required.type() + " expected, but its"
              + " provider " + providerId + " offers " + service.type() + ". Require it with"
              + " @RequiresService(type = " + service.type() + ".class)",
          "it requires service " + required.id() + " as a type no provider offers (yoi/missing-service)");
      return;
    }
    if (!satisfies(service.version(), required.version())) {
      requirement.status = Status.VERSION_MISMATCH;
      fail(consumer, requirement, DiagnosticCode.SERVICE_VERSION, DiagnosticCode.SERVICE_VERSION,
          "feature " + id + " requires service " + required.id() + " in range " + required.version()
              + ", but its provider " + providerId + " provides version " + service.version()
              + ". Install a version of " + providerId + " whose " + required.id() + " is in "
              + required.version() + ", or change the range in @RequiresService(version)",
          "its required service " + required.id() + " is version " + service.version()
              + ", outside " + required.version() + " (yoi/service-version)");
      return;
    }
    AuthorityLabel access = new AuthorityLabel(AuthorityKind.SERVICE_ACCESS, required.id());
    if (service.privileged() && !consumer.grants().has(access.kind(), access.scope())) {
      requirement.status = Status.DENIED;
      fail(consumer, requirement, DiagnosticCode.AUTHORITY_DENIED, DiagnosticCode.AUTHORITY_DENIED,
          "feature " + id + " requires the privileged service " + required.id() + " (provided by "
              + providerId + "), but holds no grant " + access
              + ". Request it with @RequiresAuthority(value = AuthorityKind.SERVICE_ACCESS, scope = \""
              + required.id() + "\", reason = \"...\") on the feature class; a user or project feature"
              + " then needs approval (yoi approve " + id + ")",
          "it lacks " + access + " (yoi/authority-denied)");
      return;
    }
    requirement.status = Status.RESOLVED;
  }

  /** {@code service builtin:x (range ^1.0, type a.B, because "...")}, as messages name a requirement. */
  private static String wants(RequiredService required) {
    return "service " + required.id() + " (range " + required.version() + ", type " + required.type()
        + ", because \"" + required.reason() + "\")";
  }

  /** An error that refuses the consumer, or for an optional requirement a warning that does not. */
  private void fail(
      ServiceNode consumer, Requirement requirement, DiagnosticCode requiredCode, DiagnosticCode optionalCode,
      String message, String refusal) {
    String id = consumer.featureId();
    if (requirement.required.optional()) {
      add(id, Diagnostics.warning(optionalCode, id, message + ". The requirement is optional, so " + id
          + " installs without it (services().optional(..) returns empty)."));
    } else {
      add(id, Diagnostics.error(requiredCode, id, message
          + ", or declare the requirement optional (@RequiresService(optional = true))."
          + " " + id + " is not installed."));
      refuse(id, refusal);
    }
  }

  private String otherSources(String serviceId) {
    Identities.Key wanted = IdentityKeys.service(serviceId);
    List<String> near = providers.keySet().stream()
        .filter(other -> !other.equals(wanted) && other.name().equals(wanted.name()))
        .map(Identities.Key::shown).toList();
    return near.isEmpty() ? "" : " (" + String.join(", ", near) + " exists: is the source prefix right?)";
  }

  /** Every strongly connected group of required-service edges among candidates is one cycle. */
  private void refuseCycles() {
    Map<String, List<String>> edges = new TreeMap<>();
    Set<String> selfLoops = new HashSet<>();
    for (ServiceNode consumer : candidates()) {
      List<String> out = new ArrayList<>();
      for (Requirement requirement : requirements.getOrDefault(consumer.featureId(), List.of())) {
        if (requirement.status == Status.RESOLVED && !requirement.required.optional()) {
          String provider = requirement.provider.node.featureId();
          out.add(provider);
          if (provider.equals(consumer.featureId())) {
            selfLoops.add(provider);
          }
        }
      }
      edges.put(consumer.featureId(), out);
    }
    List<List<String>> cycles = new ArrayList<>();
    for (List<String> group : StronglyConnected.components(edges)) {
      if (group.size() > 1 || selfLoops.contains(group.get(0))) {
        cycles.add(group);
      }
    }
    if (cycles.size() > 1) {
      cycles.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    }
    for (List<String> cycle : cycles) {
      Set<String> members = new TreeSet<>(cycle);
      List<String> lines = new ArrayList<>();
      for (String member : members) {
        for (Requirement requirement : requirements.get(member)) {
          if (requirement.status == Status.RESOLVED && !requirement.required.optional()
              && members.contains(requirement.provider.node.featureId())) {
            requirement.status = Status.CYCLE;
            lines.add(member + " requires " + requirement.required.id() + " (provided by "
                + requirement.provider.node.featureId() + ")");
          }
        }
      }
      String edgesText = Diagnostics.lines(lines);
      String fix = "\n  Break the cycle: make one of these requirements optional"
          + " (@RequiresService(optional = true)), or move the shared service into a feature that"
          + " requires none of the others.";
      // One problem, one diagnostic: report-level, and the same one on each member's report.
      Diagnostic diagnostic = Diagnostics.error(DiagnosticCode.SERVICE_CYCLE, "",
          "features " + String.join(", ", members) + " require each other's services in a cycle,"
              + " so none of them is installed:" + edgesText + fix);
      reportDiagnostics.add(diagnostic);
      for (String member : members) {
        add(member, diagnostic);
        refuse(member, "it is part of a service cycle (yoi/service-cycle)");
      }
    }
  }

  /** A candidate whose provider is refused is refused too, until nothing changes. */
  private void cascade() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ServiceNode consumer : candidates()) {
        String id = consumer.featureId();
        if (refused.containsKey(id)) {
          continue;
        }
        for (Requirement requirement : requirements.get(id)) {
          if (requirement.status != Status.RESOLVED) {
            continue;
          }
          String providerId = requirement.provider.node.featureId();
          String why = refused.get(providerId);
          if (why == null) {
            continue;
          }
          requirement.status = Status.MISSING;
          fail(consumer, requirement, DiagnosticCode.MISSING_SERVICE, DiagnosticCode.OPTIONAL_SERVICE_MISSING,
              "feature " + id + " requires service " + requirement.required.id() + " (range "
                  + requirement.required.version() + "), but its provider " + providerId
                  + " is not installed: " + why + ". Fix " + providerId + " first",
              "its required provider " + providerId + " is not installed (yoi/missing-service)");
          if (refused.containsKey(id)) {
            changed = true;
            break;
          }
        }
      }
    }
  }

  /**
   * Kahn's algorithm, smallest id first among the ready. Optional requirements order too, but may
   * not form a hard cycle: when only optional edges are left, the smallest id whose required
   * providers are all placed goes next, and its optional service is simply absent at install.
   */
  private List<String> order() {
    Map<String, Set<String>> waitsFor = new TreeMap<>();
    Map<String, Set<String>> waitsRequired = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (ServiceNode node : candidates()) {
      String id = node.featureId();
      if (refused.containsKey(id)) {
        continue;
      }
      Set<String> all = new HashSet<>();
      Set<String> hard = new HashSet<>();
      for (Requirement requirement : requirements.get(id)) {
        String provider = requirement.status == Status.RESOLVED ? requirement.provider.node.featureId() : null;
        if (provider != null && !provider.equals(id)) {
          if (all.add(provider)) {
            List<String> waiting = dependents.get(provider);
            if (waiting == null) {
              waiting = new ArrayList<>();
              dependents.put(provider, waiting);
            }
            waiting.add(id);
          }
          if (!requirement.required.optional()) {
            hard.add(provider);
          }
        }
      }
      waitsFor.put(id, all);
      waitsRequired.put(id, hard);
    }
    List<String> order = new ArrayList<>();
    PriorityQueue<String> ready = new PriorityQueue<>();
    for (Map.Entry<String, Set<String>> entry : waitsFor.entrySet()) {
      if (entry.getValue().isEmpty()) {
        ready.add(entry.getKey());
      }
    }
    Set<String> placed = new HashSet<>();
    while (placed.size() < waitsFor.size()) {
      if (ready.isEmpty()) {
        // Only optional edges are left between the unplaced: break the smallest such tie.
        for (Map.Entry<String, Set<String>> entry : waitsFor.entrySet()) {
          String id = entry.getKey();
          if (!placed.contains(id) && placed.containsAll(waitsRequired.get(id))) {
            ready.add(id);
            break;
          }
        }
        if (ready.isEmpty()) {
          throw new IllegalStateException("required-service cycle left after cycle removal: " + waitsFor);
        }
      }
      String next = ready.poll();
      if (!placed.add(next)) {
        continue;
      }
      order.add(next);
      for (String dependent : dependents.getOrDefault(next, List.of())) {
        Set<String> deps = waitsFor.get(dependent);
        if (deps.remove(next) && deps.isEmpty() && !placed.contains(dependent)) {
          ready.add(dependent);
        }
      }
    }
    return order;
  }

  private void add(String featureId, Diagnostic diagnostic) {
    diagnostics.computeIfAbsent(featureId, id -> new ArrayList<>()).add(diagnostic);
  }

  private void refuse(String featureId, String why) {
    refused.putIfAbsent(featureId, why);
  }

  private record Provider(ServiceNode node, ProvidedService service) {}

  private static final class Requirement {
    final RequiredService required;
    Status status = Status.UNRESOLVED;
    Provider provider;

    Requirement(RequiredService required) {
      this.required = required;
    }

    RequiredServiceReport report() {
      boolean named = provider != null;
      return new RequiredServiceReport(required.id(), required.version(), required.type(), required.optional(),
          status, named ? provider.node.featureId() : "", named ? provider.service.version() : "");
    }
  }

  /** Tarjan's algorithm without recursion (long provider chains must not overflow the stack). */
  static final class StronglyConnected {
    private StronglyConnected() {}

    static List<List<String>> components(Map<String, List<String>> edges) {
      Map<String, Integer> index = new HashMap<>();
      Map<String, Integer> low = new HashMap<>();
      Deque<String> stack = new ArrayDeque<>();
      Set<String> onStack = new HashSet<>();
      List<List<String>> out = new ArrayList<>();
      int next = 0;
      for (String root : edges.keySet()) {
        if (index.containsKey(root)) {
          continue;
        }
        Deque<Frame> work = new ArrayDeque<>();
        index.put(root, next);
        low.put(root, next++);
        stack.push(root);
        onStack.add(root);
        work.push(new Frame(root, edges.getOrDefault(root, List.of()).iterator()));
        while (!work.isEmpty()) {
          Frame frame = work.peek();
          if (frame.successors.hasNext()) {
            String w = frame.successors.next();
            if (!edges.containsKey(w)) {
              continue;
            }
            if (!index.containsKey(w)) {
              index.put(w, next);
              low.put(w, next++);
              stack.push(w);
              onStack.add(w);
              work.push(new Frame(w, edges.getOrDefault(w, List.of()).iterator()));
            } else if (onStack.contains(w)) {
              low.put(frame.node, Math.min(low.get(frame.node), index.get(w)));
            }
            continue;
          }
          work.pop();
          if (!work.isEmpty()) {
            String parent = work.peek().node;
            low.put(parent, Math.min(low.get(parent), low.get(frame.node)));
          }
          if (low.get(frame.node).equals(index.get(frame.node))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
              w = stack.pop();
              onStack.remove(w);
              component.add(w);
            } while (!w.equals(frame.node));
            component.sort(null);
            out.add(component);
          }
        }
      }
      return out;
    }

    private record Frame(String node, Iterator<String> successors) {}
  }

  /** {@link Names#satisfies}, each pair checked once (semver4j parses both strings each time). */
  private boolean satisfies(String version, String range) {
    String pair = version + ' ' + range;
    Boolean verdict = inRange.get(pair);
    if (verdict == null) {
      verdict = Names.satisfies(version, range);
      inRange.put(pair, verdict);
    }
    return verdict;
  }
}
