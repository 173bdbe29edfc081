package dev.yoi.processor.check;

import static dev.yoi.descriptor.Identities.Namespace.FEATURE_ID;
import static dev.yoi.descriptor.Identities.Namespace.SERVICE_ID;
import static dev.yoi.descriptor.Identities.Namespace.TOOL_NAME;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Identities;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.marker.FeatureMarker;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.ContributionKind;
import dev.yoi.processor.model.FeatureModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * {@code duplicate-feature} and {@code duplicate-contribution}, with the one meaning of a conflict
 * the descriptor module's {@link Identities} gives the runtime and {@code yoi verify} too. Tool
 * names are model-visible: unique across this module and the features already on the compile
 * class path. Feature ids and provided service ids are unique per source: features compiled
 * together share one (their jar's), so two {@code cache} here conflict; a feature on the class
 * path may be installed from another source ({@code user:cache} beside {@code project:cache} is
 * legal), so no id conflict is claimed against it. Hook and task names are unique within a
 * feature. Each error goes on a local element that is not the first of its group (the class
 * path's come first, then this compilation's in the order they were registered, sorted by class
 * name within a round) and lists every party, sorted.
 */
public final class DuplicateValidator implements FeatureValidator {
  private final Reporter reporter;
  private final Elements elements;
  private final Map<Identities.Key, List<Party>> featureIds = new HashMap<>();
  private final Map<Identities.Key, List<Party>> toolNames = new HashMap<>();
  private final Map<Identities.Key, List<Party>> serviceIds = new HashMap<>();
  private final Set<String> localFeatureClasses = new HashSet<>();

  public DuplicateValidator(Reporter reporter, Elements elements) {
    this.reporter = reporter;
    this.elements = elements;
  }

  /**
   * One party of a possible conflict: a local element, or a classpath marker's entry.
   *
   * @param element null for a classpath party
   */
  private record Party(String slug, String className, String featureClass, String module, Element element) {
    String line() {
      return String.format("  %-20s %s%s", slug, className.replace('$', '.'),
          element == null ? "  (on the classpath, module " + module + ")" : "");
    }
  }

  /** Features already compiled, found once per compilation by the marker reader. */
  public void addClasspath(List<FeatureMarker> markers) {
    Identities.Origin classPath = Identities.Origin.classPath();
    for (FeatureMarker m : markers) {
      add(featureIds, Identities.key(FEATURE_ID, classPath, m.slug()),
          new Party(m.slug(), m.featureClass(), m.featureClass(), m.module(), null));
      for (FeatureMarker.Entry tool : m.tools()) {
        add(toolNames, Identities.key(TOOL_NAME, classPath, tool.name()),
            new Party(m.slug(), tool.className(), m.featureClass(), m.module(), null));
      }
      for (FeatureMarker.Entry service : m.services()) {
        add(serviceIds, Identities.key(SERVICE_ID, classPath, service.name()),
            new Party(m.slug(), service.className(), m.featureClass(), m.module(), null));
      }
    }
  }

  /** Registers a round's features, so that each feature's check sees every party. */
  public void register(List<FeatureModel> models) {
    for (FeatureModel model : models) {
      localFeatureClasses.add(binaryName(model.feature().element()));
    }
    for (FeatureModel model : models) {
      add(featureIds, local(FEATURE_ID, model.feature().slug()), party(model, model.feature().element()));
      for (Contribution.Tool tool : model.tools()) {
        add(toolNames, local(TOOL_NAME, tool.name()), party(model, tool.element()));
      }
      for (Contribution.Service service : model.services()) {
        add(serviceIds, local(SERVICE_ID, service.name()), party(model, service.element()));
      }
    }
  }

  @Override
  public void validate(FeatureModel model) {
    List<Party> sameId = group(featureIds, local(FEATURE_ID, model.feature().slug()));
    if (!first(sameId, model.feature().element())) {
      reporter.error(DiagnosticCode.DUPLICATE_FEATURE, "feature id "
          + ControlCharacters.quote(model.feature().slug()) + " is declared " + sameId.size()
          + " times:\n" + lines(sameId) + "\nFeature ids must be unique per source, and features"
          + " compiled together are installed from one; change @Feature(id = ...) of one of them.",
          model.feature().element(), model.feature().mirror(),
          AnnotationReader.explicit(model.feature().mirror(), "id").orElse(null));
    }
    for (Contribution.Tool tool : model.tools()) {
      List<Party> same = group(toolNames, local(TOOL_NAME, tool.name()));
      if (!first(same, tool.element())) {
        duplicate(tool, same, "Tool names are model-visible and must be unique across all"
            + " installed features.\nRename one of them (ToolContribution.name).");
      }
    }
    for (Contribution.Service service : model.services()) {
      List<Party> same = group(serviceIds, local(SERVICE_ID, service.name()));
      if (!first(same, service.element())) {
        duplicate(service, same, "A service id names one provider per source, and services"
            + " compiled together are installed from one.\nChange the id of one of them"
            + " (ProvidesService.id).");
      }
    }
    withinFeature(model, model.hooks(), "Hook names are unique within a feature.\nRename one of"
        + " them (HookContribution.name).");
    withinFeature(model, model.tasks(), "Task names are unique within a feature.\nRename one of"
        + " them (BackgroundTaskContribution.name).");
  }

  private void withinFeature(FeatureModel model, List<? extends Contribution> contributions, String fix) {
    // Hook and task names are the feature's own: unique within it, whatever the source.
    Map<String, List<Party>> byName = new HashMap<>();
    for (Contribution c : contributions) {
      byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(party(model, c.element()));
    }
    for (Contribution c : contributions) {
      List<Party> same = byName.get(c.name());
      if (same.get(0).element() != c.element()) {
        duplicate(c, same, fix);
      }
    }
  }

  private void duplicate(Contribution c, List<Party> parties, String fix) {
    String noun = c.kind() == ContributionKind.SERVICE ? "service" : c.kind().noun();
    String verb = c.kind() == ContributionKind.SERVICE ? "provided" : "contributed";
    reporter.error(DiagnosticCode.DUPLICATE_CONTRIBUTION, noun + " " + ControlCharacters.quote(c.name()) + " is " + verb
        + " " + times(parties.size()) + ":\n" + lines(parties) + "\n" + fix,
        c.element(), c.mirror(), AnnotationReader.explicit(c.mirror(), c.nameAttribute()).orElse(null));
  }

  /**
   * The group without classpath copies of features compiled here (a stale jar of this very module,
   * say): those are the same feature, not a conflict.
   */
  private List<Party> group(Map<Identities.Key, List<Party>> map, Identities.Key key) {
    List<Party> out = new ArrayList<>();
    for (Party p : map.getOrDefault(key, List.of())) {
      if (p.element() != null || !localFeatureClasses.contains(p.featureClass())) {
        out.add(p);
      }
    }
    return out;
  }

  private static boolean first(List<Party> group, Element element) {
    return group.isEmpty() || group.get(0).element() == element;
  }

  private static String lines(List<Party> parties) {
    List<String> out = new ArrayList<>();
    for (Party p : parties) {
      out.add(p.line());
    }
    out.sort(Comparator.naturalOrder());
    return String.join("\n", out);
  }

  private static String times(int n) {
    return n == 2 ? "twice" : n + " times";
  }

  private Party party(FeatureModel model, Element element) {
    return new Party(model.slug(), binaryName((TypeElement) element),
        binaryName(model.feature().element()), "", element);
  }

  private String binaryName(TypeElement element) {
    return elements.getBinaryName(element).toString();
  }

  /** A key of this compilation: always known (everything compiled here shares one source). */
  private static Identities.Key local(Identities.Namespace namespace, String name) {
    return Identities.key(namespace, Identities.Origin.thisCompilation(), name).orElseThrow();
  }

  /** Adds {@code party} under {@code key}; a party whose key cannot be known conflicts with nothing. */
  private static void add(Map<Identities.Key, List<Party>> map, Optional<Identities.Key> key, Party party) {
    key.ifPresent(k -> map.computeIfAbsent(k, x -> new ArrayList<>()).add(party));
  }

  private static void add(Map<Identities.Key, List<Party>> map, Identities.Key key, Party party) {
    add(map, Optional.of(key), party);
  }
}
