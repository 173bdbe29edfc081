package dev.yoi.processor.incremental;

import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.processor.model.AnnotationReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The features of this module's previous build that a partial recompile does not regenerate: their
 * lines of the previous index stay in the new one as they were, since the index lists the whole
 * module. No stale line survives: a feature whose class is gone or no longer a {@code @Feature} is
 * dropped; one whose declaration, descriptor class or contributions changed is regenerated from its
 * class files instead; and a kept line that clashes with a feature generated now (same id, tool
 * name or service id) gives way to it. That last is either the old state of a feature renamed or
 * moved, or a real clash, which a full build reports; the incremental build must not guess an
 * error.
 */
public final class KeptFeatures {
  private final PreviousBuild previous;
  /** Kept lines by the feature's canonical name. */
  private final SortedMap<String, IndexLine> kept = new TreeMap<>();
  /** Features already listed in a marker this compilation wrote. */
  private final Set<String> marked = new HashSet<>();

  public KeptFeatures(PreviousBuild previous) {
    this.previous = previous;
  }

  /**
   * Sorts the previous index's features that are not {@code recompiled} (canonical names): each is
   * kept, regenerated or dropped, as the class description says.
   *
   * @param versionOption the {@code yoi.version} option, the version of a feature that names none
   * @return the canonical names of the features to regenerate from their class files
   */
  public List<String> sort(Set<String> recompiled, RuntimeKind runtime, String versionOption) {
    List<String> regenerate = new ArrayList<>();
    for (IndexLine line : previous.ownLines()) {
      TypeElement feature = previous.type(line.descriptor().featureClass());
      if (feature == null || recompiled.contains(feature.getQualifiedName().toString())) {
        continue;
      }
      Optional<AnnotationMirror> annotation = AnnotationReader.find(feature, Feature.class.getName());
      if (annotation.isEmpty()) {
        continue;
      }
      String name = feature.getQualifiedName().toString();
      if (unchanged(line, feature, annotation.get(), runtime, versionOption)) {
        kept.put(name, line);
      } else {
        regenerate.add(name);
      }
    }
    return regenerate;
  }

  /**
   * The kept lines, written for {@code module}, without those of features {@code regenerated}
   * since and those that clash with a {@code fresh} line.
   */
  public List<IndexLine> lines(Set<String> regenerated, Collection<IndexLine> fresh, String module) {
    List<IndexLine> out = new ArrayList<>();
    for (Map.Entry<String, IndexLine> e : kept.entrySet()) {
      if (!regenerated.contains(e.getKey()) && !clashes(e.getValue(), fresh)) {
        IndexLine line = e.getValue();
        out.add(new IndexLine(IndexLine.FORMAT, line.slug(), module, line.descriptorClass(),
            line.digest(), line.descriptor()));
      }
    }
    return out;
  }

  /**
   * The kept lines no marker of this compilation lists yet, now marked: a partial recompile's
   * marker names the same features as the full build's, so it replaces that marker rather than
   * leaving an older copy of it beside it.
   */
  public List<IndexLine> unmarked(Set<String> regenerated, Collection<IndexLine> fresh) {
    List<IndexLine> out = new ArrayList<>();
    for (Map.Entry<String, IndexLine> e : kept.entrySet()) {
      if (!regenerated.contains(e.getKey()) && !clashes(e.getValue(), fresh) && marked.add(e.getKey())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** The classes a kept line derives from: its feature and its contributions. */
  public List<Element> sources(IndexLine line) {
    List<Element> out = new ArrayList<>();
    Optional.ofNullable(previous.type(line.descriptor().featureClass())).ifPresent(out::add);
    for (PreviousBuild.Recorded r : PreviousBuild.contributionsOf(line.descriptor())) {
      Optional.ofNullable(previous.type(r.className())).ifPresent(out::add);
    }
    return out;
  }

  private boolean unchanged(IndexLine line, TypeElement feature, AnnotationMirror annotation,
      RuntimeKind runtime, String versionOption) {
    String version = AnnotationReader.string(annotation, "version");
    if (!AnnotationReader.string(annotation, "id").equals(line.slug())
        || !(version.isEmpty() ? versionOption : version).equals(line.descriptor().version())
        || line.descriptor().runtime() != runtime
        || !line.digest().equals(digestOf(previous.type(line.descriptorClass())))) {
      return false;
    }
    for (PreviousBuild.Recorded r : PreviousBuild.contributionsOf(line.descriptor())) {
      if (previous.stillOwned(r, feature).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The {@code DIGEST} constant of a generated descriptor class, or null. */
  private static String digestOf(TypeElement descriptorClass) {
    return PreviousBuild.constant(descriptorClass, "DIGEST") instanceof String digest ? digest : null;
  }

  private static boolean clashes(IndexLine kept, Collection<IndexLine> fresh) {
    for (IndexLine line : fresh) {
      if (line.slug().equals(kept.slug())) {
        return true;
      }
      for (ToolDescriptor tool : line.descriptor().tools()) {
        if (kept.descriptor().tools().stream().anyMatch(t -> t.name().equals(tool.name()))) {
          return true;
        }
      }
      for (ProvidedService service : line.descriptor().providedServices()) {
        if (kept.descriptor().providedServices().stream().anyMatch(s -> s.id().equals(service.id()))) {
          return true;
        }
      }
    }
    return false;
  }
}
