package dev.yoi.processor.incremental;

import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.processor.marker.FeatureMarker;
import dev.yoi.processor.marker.MarkerReader;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.ContributionKind;
import dev.yoi.processor.model.ModelReader;
import dev.yoi.processor.model.UnresolvedTypeException;
import dev.yoi.processor.write.DescriptorWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * What earlier builds left that a partial recompile needs. An IDE, or Gradle, recompiles only some
 * sources, with the module's previous output on the class path: a tool recompiled alone must still
 * join its feature, and a feature recompiled alone must still list the contributions that were not
 * recompiled with it. This reads, once per compilation, which contributions each feature of this
 * module had (its markers, see {@link FeatureMarker}, and the previous index in its output
 * directory) and the previous index's lines; every record is checked against the classes as they
 * are now before it counts, so a stale record never adds anything. A marker on the class path is
 * this module's when it carries this compilation's {@code yoi.module}: a test compiling with an
 * earlier build's output on the class path has no other way to say so.
 */
public final class PreviousBuild {
  /** A contribution class an earlier build recorded for a feature. */
  public record Recorded(ContributionKind kind, String className) {}

  private final Elements elements;
  private final Filer filer;
  /**
   * Feature binary name to the contributions this module's earlier builds recorded for it: its
   * markers (in the output directory, or on the class path under this module's name) and its
   * previous index.
   */
  private final Map<String, Set<Recorded>> contributions = new HashMap<>();
  private final List<IndexLine> ownLines;

  private PreviousBuild(Elements elements, Filer filer, List<IndexLine> ownLines) {
    this.elements = elements;
    this.filer = filer;
    this.ownLines = List.copyOf(ownLines);
  }

  /**
   * @param markers every marker on the class path and in the output directory
   * @param module this compilation's {@code yoi.module}
   */
  public static PreviousBuild read(Elements elements, Filer filer, MarkerReader.Markers markers,
      String module) {
    PreviousBuild previous = new PreviousBuild(elements, filer, readOwnIndex(filer));
    for (FeatureMarker m : markers.classpath()) {
      if (m.module().equals(module)) {
        previous.add(m);
      }
    }
    markers.ownOutput().forEach(previous::add);
    for (IndexLine line : previous.ownLines) {
      previous.recorded(line.descriptor().featureClass()).addAll(contributionsOf(line.descriptor()));
    }
    return previous;
  }

  /** The lines of the index this module's previous build left in its output directory. */
  public List<IndexLine> ownLines() {
    return ownLines;
  }

  /** A contribution class, as it is now, and the kind it was recorded as. */
  public record Found(TypeElement element, ContributionKind kind) {}

  /**
   * The contribution classes an earlier build of this module recorded for {@code feature} that
   * still are its contributions: the class exists, carries the kind's annotation and claims
   * {@code feature}.
   */
  public List<Found> contributionsOf(TypeElement feature) {
    List<Found> out = new ArrayList<>();
    for (Recorded r : contributions.getOrDefault(binaryName(feature), Set.of())) {
      stillOwned(r, feature).ifPresent(c -> out.add(new Found(c, r.kind())));
    }
    return out;
  }

  /**
   * Whether {@code feature}, compiled earlier and not recompiled now, is this module's own, so that
   * {@code contribution} (recompiled now) may join it: its class file is in this compilation's
   * output directory, or this module's marker recorded {@code contribution} as one of its
   * contributions. A feature of another module (a dependency on the class path) is neither.
   */
  public boolean isOwn(TypeElement feature, TypeElement contribution) {
    String contributionClass = binaryName(contribution);
    return contributions.getOrDefault(binaryName(feature), Set.of()).stream()
            .anyMatch(r -> r.className().equals(contributionClass))
        || inOutput(feature);
  }

  /**
   * The tool {@code toolClass} (a binary name) as an earlier build of {@code feature} described it:
   * from the previous index in the output directory, else from the descriptor class the earlier
   * build generated (when its JSON is one constant, as it is up to some thousands of characters).
   */
  public Optional<ToolDescriptor> earlierTool(TypeElement feature, String toolClass) {
    for (IndexLine line : ownLines) {
      for (ToolDescriptor tool : line.descriptor().tools()) {
        if (tool.className().equals(toolClass)) {
          return Optional.of(tool);
        }
      }
    }
    TypeElement descriptorClass = type(DescriptorWriter.descriptorClass(feature).binaryName());
    if (!(constant(descriptorClass, "DESCRIPTOR_JSON") instanceof String json)) {
      return Optional.empty();
    }
    try {
      return CanonicalJson.toDescriptor(CanonicalJson.parse(json)).tools().stream()
          .filter(t -> t.className().equals(toolClass)).findFirst();
    } catch (RuntimeException e) {
      return Optional.empty(); // not a descriptor this version reads: derive afresh
    }
  }

  /** A field's compile-time constant, or null. */
  static Object constant(TypeElement type, String field) {
    if (type == null) {
      return null;
    }
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD && member.getSimpleName().contentEquals(field)) {
        return ((VariableElement) member).getConstantValue();
      }
    }
    return null;
  }

  /** The contribution classes a descriptor lists, with their kinds. */
  static List<Recorded> contributionsOf(FeatureDescriptor d) {
    List<Recorded> out = new ArrayList<>();
    for (ToolDescriptor t : d.tools()) {
      out.add(new Recorded(ContributionKind.TOOL, t.className()));
    }
    for (HookDescriptor h : d.hooks()) {
      out.add(new Recorded(ContributionKind.HOOK, h.className()));
    }
    for (TaskDescriptor t : d.backgroundTasks()) {
      out.add(new Recorded(ContributionKind.TASK, t.className()));
    }
    for (ProvidedService s : d.providedServices()) {
      out.add(new Recorded(ContributionKind.SERVICE, s.className()));
    }
    return out;
  }

  /** {@code r}'s class, when it still is a contribution of its kind that claims {@code feature}. */
  Optional<TypeElement> stillOwned(Recorded r, TypeElement feature) {
    TypeElement c = type(r.className());
    if (c == null || AnnotationReader.find(c, r.kind().annotation().getName()).isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<TypeElement> owner = ModelReader.claimedOwner(c, r.kind());
      return owner.isPresent() && owner.get().getQualifiedName().contentEquals(feature.getQualifiedName())
          ? Optional.of(c) : Optional.empty();
    } catch (UnresolvedTypeException e) {
      return Optional.empty();
    }
  }

  /** The class of a binary name ({@code p.Outer$Inner}), or null when there is none. */
  TypeElement type(String binaryName) {
    TypeElement type = elements.getTypeElement(binaryName.replace('$', '.'));
    return type != null && elements.getBinaryName(type).contentEquals(binaryName) ? type : null;
  }

  String binaryName(TypeElement type) {
    return elements.getBinaryName(type).toString();
  }

  private void add(FeatureMarker m) {
    Set<Recorded> recorded = recorded(m.featureClass());
    m.tools().forEach(e -> recorded.add(new Recorded(ContributionKind.TOOL, e.className())));
    m.hooks().forEach(e -> recorded.add(new Recorded(ContributionKind.HOOK, e.className())));
    m.tasks().forEach(e -> recorded.add(new Recorded(ContributionKind.TASK, e.className())));
    m.services().forEach(e -> recorded.add(new Recorded(ContributionKind.SERVICE, e.className())));
  }

  private Set<Recorded> recorded(String featureClass) {
    return contributions.computeIfAbsent(featureClass, k -> new LinkedHashSet<>());
  }

  /** Whether the type's class file sits in this compilation's output directory. */
  private boolean inOutput(TypeElement type) {
    Element outer = type;
    while (!(outer.getEnclosingElement() instanceof PackageElement)) {
      outer = outer.getEnclosingElement();
    }
    String pkg = ((PackageElement) outer.getEnclosingElement()).getQualifiedName().toString();
    String binary = binaryName(type);
    String file = (pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1)) + ".class";
    return exists(filer, pkg, file);
  }

  private static boolean exists(Filer filer, String pkg, String relativeName) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, pkg, relativeName);
      try (InputStream in = file.openInputStream()) {
        return in != null;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The valid lines of the index in this compilation's output directory: what the module's
   * previous build wrote, when the build tool left it there. None when there is none (a clean
   * build, Maven's stale-file cleanup, Gradle's removal of an aggregating processor's outputs).
   */
  private static List<IndexLine> readOwnIndex(Filer filer) {
    byte[] bytes;
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", IndexLine.INDEX_PATH);
      try (InputStream in = file.openInputStream()) {
        bytes = in.readAllBytes();
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    List<IndexLine> out = new ArrayList<>();
    for (IndexEntry entry : IndexFile.read(IndexLine.INDEX_PATH, bytes)) {
      if (entry instanceof IndexEntry.Valid valid) {
        out.add(valid.line());
      }
    }
    return out;
  }
}
