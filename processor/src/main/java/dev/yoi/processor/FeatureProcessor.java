package dev.yoi.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.processor.check.AuthorityValidator;
import dev.yoi.processor.check.DuplicateValidator;
import dev.yoi.processor.check.FeatureValidator;
import dev.yoi.processor.check.InputValidator;
import dev.yoi.processor.check.NameValidator;
import dev.yoi.processor.check.OwnershipValidator;
import dev.yoi.processor.check.RequestValidator;
import dev.yoi.processor.check.TextValidator;
import dev.yoi.processor.check.TypeChecks;
import dev.yoi.processor.check.UndeclaredValidator;
import dev.yoi.processor.incremental.KeptFeatures;
import dev.yoi.processor.incremental.PreviousBuild;
import dev.yoi.processor.marker.FeatureMarker;
import dev.yoi.processor.marker.MarkerReader;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.ContributionKind;
import dev.yoi.processor.model.DescriptorAssembler;
import dev.yoi.processor.model.FeatureDecl;
import dev.yoi.processor.model.FeatureModel;
import dev.yoi.processor.model.ModelReader;
import dev.yoi.processor.model.UnresolvedTypeException;
import dev.yoi.processor.schema.SchemaDeriver;
import dev.yoi.processor.write.FeatureGenerator;
import dev.yoi.processor.write.IndexWriter;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The Yoi annotation processor. Gathers {@code @Feature} classes and their contributions across
 * rounds into sorted maps; in the round a feature is complete, validates it (one validator per
 * family of codes) and generates its {@code X_FeatureDescriptor}; writes one classpath marker per
 * round that generated features, and the module's {@code META-INF/yoi/features.jsonl} once, when
 * processing is over.
 *
 * <p>A partial recompile (an IDE's, Gradle's) compiles some sources with the module's previous
 * output on the class path. A contribution recompiled without its feature brings the feature back
 * from its class file, a feature recompiled without its contributions takes them back, and the
 * features not recompiled keep their lines of the previous index (see {@link PreviousBuild} and
 * {@link KeptFeatures}): the output is the full build's. Any exception or
 * error of its own (or of javac under it), except a {@link VirtualMachineError} other than a stack
 * overflow, becomes a {@code [yoi/internal-error]} on the element being processed.
 *
 * <p>Options: {@code yoi.version} (the version of features whose {@code @Feature.version} is
 * empty), {@code yoi.module} (the module name written into index lines; default
 * {@value #DEFAULT_MODULE}), {@code yoi.runtime} ({@code jvm_plugin}, the default, or
 * {@code builtin}: the runtime kind written into descriptors).
 */
@AutoService(Processor.class)
public final class FeatureProcessor extends AbstractProcessor {
  public static final String OPTION_VERSION = "yoi.version";
  public static final String OPTION_MODULE = "yoi.module";
  public static final String OPTION_RUNTIME = "yoi.runtime";
  public static final String DEFAULT_MODULE = "unnamed";

  /** {@code @Feature} and the contribution annotations: what {@link #gather} asks javac for. */
  private static final Set<Class<? extends Annotation>> ANNOTATIONS = annotations();

  private final List<FeatureValidator> extraValidators;

  private Elements elements;
  /** javac's Trees API, or null (another compiler, or a build tool's wrapper). */
  private Trees trees;
  private Reporter reporter;
  private TypeChecks typeChecks;
  private OwnershipValidator ownership;
  private DuplicateValidator duplicates;
  private List<FeatureValidator> validators;
  private SchemaDeriver schemas;
  private DescriptorAssembler assembler;
  private FeatureGenerator generator;
  private MarkerReader markerReader;
  /** What earlier builds of this module left; read with the first round. */
  private PreviousBuild previous;
  private KeptFeatures kept;
  private String versionOption;
  private String module;
  private RuntimeKind runtime;
  /** A bad processor option, reported on the first feature it applies to (or alone at the end). */
  private String optionProblem;

  /** Canonical names of {@code @Feature} classes not handled yet (deferred ones stay). */
  private final Set<String> pendingFeatures = new TreeSet<>();
  /** Canonical name of a contribution class to its kinds, until its owner is known. */
  private final SortedMap<String, Set<ContributionKind>> pendingContributions = new TreeMap<>();
  /** Canonical names of features handled (generated or failed): late contributions cannot join. */
  private final Set<String> doneFeatures = new TreeSet<>();
  /** Index lines by feature canonical name. */
  private final SortedMap<String, IndexLine> lines = new TreeMap<>();
  /** Canonical names of every element the index derives from. */
  private final Set<String> originating = new TreeSet<>();
  /** Features whose contributions compiled earlier were looked up. */
  private final Set<String> joined = new HashSet<>();
  /** Contributions whose feature was looked up among the features compiled earlier. */
  private final Set<String> ownerLookedUp = new HashSet<>();
  /** This round's annotated classes by qualified name (elements are looked up afresh each round). */
  private final Map<String, TypeElement> roundTypes = new HashMap<>();
  /** Top-level types by qualified name: whether each comes from a source of this compilation. */
  private final Map<String, Boolean> sourceTypes = new HashMap<>();

  public FeatureProcessor() {
    this(List.of());
  }

  /** For tests: extra validators run after the built-in ones. */
  FeatureProcessor(List<FeatureValidator> extraValidators) {
    this.extraValidators = List.copyOf(extraValidators);
  }

  private static Set<Class<? extends Annotation>> annotations() {
    Set<Class<? extends Annotation>> all = new LinkedHashSet<>();
    all.add(Feature.class);
    for (ContributionKind kind : ContributionKind.values()) {
      all.add(kind.annotation());
    }
    return Set.copyOf(all);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    names.add(Feature.class.getCanonicalName());
    for (ContributionKind kind : ContributionKind.values()) {
      names.add(kind.annotation().getCanonicalName());
    }
    return names;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION_VERSION, OPTION_MODULE, OPTION_RUNTIME);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    elements = env.getElementUtils();
    trees = Reporter.treesOf(env);
    reporter = new Reporter(env.getMessager(), trees);
    readOptions(env.getOptions());
    typeChecks = new TypeChecks(elements, env.getTypeUtils());
    ownership = new OwnershipValidator(reporter, typeChecks, env.getTypeUtils());
    duplicates = new DuplicateValidator(reporter, elements);
    List<FeatureValidator> all = new ArrayList<>(List.of(
        new NameValidator(reporter, versionOption),
        new RequestValidator(reporter),
        new TextValidator(reporter),
        ownership,
        duplicates,
        new AuthorityValidator(reporter),
        new UndeclaredValidator(reporter, typeChecks, trees, UndeclaredValidator.taskOf(env)),
        new InputValidator(reporter, typeChecks)));
    all.addAll(extraValidators);
    validators = List.copyOf(all);
    schemas = new SchemaDeriver(env.getTypeUtils(), elements);
    assembler = new DescriptorAssembler(elements, env.getTypeUtils());
    generator = new FeatureGenerator(env.getFiler(), elements);
    markerReader = new MarkerReader(elements, env.getFiler());
  }

  private void readOptions(Map<String, String> options) {
    versionOption = options.getOrDefault(OPTION_VERSION, "").trim();
    module = options.getOrDefault(OPTION_MODULE, "").trim();
    if (module.isEmpty()) {
      module = DEFAULT_MODULE;
    }
    String runtimeOption = options.getOrDefault(OPTION_RUNTIME, "").trim();
    runtime = runtimeOption.equals(RuntimeKind.BUILTIN.wireName()) ? RuntimeKind.BUILTIN : RuntimeKind.JVM_PLUGIN;
    if (!runtimeOption.isEmpty() && !runtimeOption.equals(runtime.wireName())) {
      optionProblem = "processor option -A" + OPTION_RUNTIME + "=\"" + runtimeOption + "\" is not a"
          + " runtime the processor generates; use \"jvm_plugin\" (the default) or \"builtin\" in the"
          + " build's compiler arguments.";
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        reportOptionProblem(null);
        writeIndex();
      } else {
        gather(round);
        if (!pendingFeatures.isEmpty()) {
          reportOptionProblem(type(pendingFeatures.iterator().next()));
        }
        processRound();
      }
    } catch (Throwable e) {
      rethrowIfFatal(e);
      reporter.error(DiagnosticCode.INTERNAL_ERROR, internalError("this round", e));
    }
    return false;
  }

  /**
   * Reports a bad option once: on {@code feature}'s {@code @Feature} (the first feature the option
   * would apply to, so the error has a place in the build's output), or on nothing.
   */
  private void reportOptionProblem(TypeElement feature) {
    if (optionProblem == null) {
      return;
    }
    String problem = optionProblem;
    optionProblem = null;
    if (feature == null) {
      reporter.error(DiagnosticCode.INVALID_OPTION, problem);
      return;
    }
    reporter.error(DiagnosticCode.INVALID_OPTION, problem + " It applies to every feature of this"
        + " module, such as " + feature.getQualifiedName() + ".", feature,
        AnnotationReader.find(feature, Feature.class.getName()).orElse(null));
  }

  /**
   * Reads the round's annotated classes in one scan of its elements (javac walks every element of
   * every source for each annotation asked about separately), keeping each class at hand for the
   * round's lookups.
   */
  private void gather(RoundEnvironment round) {
    roundTypes.clear();
    for (Element e : round.getElementsAnnotatedWithAny(ANNOTATIONS)) {
      if (!(e instanceof TypeElement type)) {
        continue;
      }
      String name = type.getQualifiedName().toString();
      roundTypes.put(name, type);
      for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
        String annotation = AnnotationReader.nameOf(mirror);
        if (annotation.equals(Feature.class.getName())) {
          pendingFeatures.add(name);
        }
        for (ContributionKind kind : ContributionKind.values()) {
          if (annotation.equals(kind.annotation().getName())) {
            pendingContributions.computeIfAbsent(name, k -> new TreeSet<>()).add(kind);
          }
        }
      }
    }
  }

  /** The class named {@code qualifiedName}: from this round's annotated classes when it is one. */
  private TypeElement type(String qualifiedName) {
    TypeElement gathered = roundTypes.get(qualifiedName);
    return gathered != null ? gathered : elements.getTypeElement(qualifiedName);
  }

  private void processRound() {
    if (previous == null) {
      // One listing of the marker package, one read of the previous index, per compilation.
      MarkerReader.Markers markers = markerReader.read();
      duplicates.addClasspath(markers.classpath());
      previous = PreviousBuild.read(elements, processingEnv.getFiler(), markers, module);
      kept = new KeptFeatures(previous);
      pendingFeatures.addAll(kept.sort(Set.copyOf(pendingFeatures), runtime, versionOption));
    }
    joinEarlierBuilds();
    Optional<Map<String, List<Contribution>>> owned = resolveOwners();
    if (owned.isEmpty()) {
      return; // a contribution's types are not resolved yet: any pending feature may own it
    }
    List<FeatureModel> ready = new ArrayList<>();
    for (String name : List.copyOf(pendingFeatures)) {
      TypeElement element = type(name);
      List<Contribution> contributions = owned.get().getOrDefault(name, List.of());
      if (element == null) {
        pendingFeatures.remove(name);
        continue;
      }
      try {
        ready.add(model(element, contributions));
      } catch (UnresolvedTypeException e) {
        requeue(contributions); // retried next round, contributions re-read then
      } catch (Throwable e) {
        rethrowIfFatal(e);
        finish(name);
        reporter.error(DiagnosticCode.INTERNAL_ERROR, internalError(name, e), element);
      }
    }
    duplicates.register(ready);
    RoundMarker marker = new RoundMarker();
    for (FeatureModel model : ready) {
      TypeElement element = model.feature().element();
      finish(element.getQualifiedName().toString());
      try {
        validateAndGenerate(model, marker);
      } catch (Throwable e) {
        rethrowIfFatal(e);
        reporter.error(DiagnosticCode.INTERNAL_ERROR,
            internalError(element.getQualifiedName().toString(), e), element);
      }
    }
    if (!marker.features.isEmpty()) {
      Set<String> regenerated = new HashSet<>(doneFeatures);
      regenerated.addAll(pendingFeatures);
      for (IndexLine line : kept.unmarked(regenerated, lines.values())) {
        marker.features.add(FeatureMarker.of(module, line.descriptor()));
        marker.originating.addAll(kept.sources(line));
      }
    }
    writeMarker(marker);
  }

  /**
   * What a partial recompile (an IDE's, Gradle's) needs from earlier builds of this module: each
   * feature being generated takes back its contributions that were not recompiled with it, and a
   * contribution recompiled without its feature brings that feature back (regenerated from its
   * class file) when it is this module's. Repeated until nothing joins: a feature brought back has
   * contributions of its own.
   */
  private void joinEarlierBuilds() {
    boolean joinedOne = true;
    while (joinedOne) {
      joinedOne = false;
      for (String name : List.copyOf(pendingFeatures)) {
        TypeElement feature = type(name);
        if (feature != null && joined.add(name)) {
          for (PreviousBuild.Found c : previous.contributionsOf(feature)) {
            pendingContributions.computeIfAbsent(c.element().getQualifiedName().toString(),
                k -> new TreeSet<>()).add(c.kind());
          }
        }
      }
      for (Map.Entry<String, Set<ContributionKind>> entry : List.copyOf(pendingContributions.entrySet())) {
        if (!ownerLookedUp.contains(entry.getKey()) && bringBackOwner(entry.getKey(), entry.getValue())) {
          joinedOne = true;
        }
      }
    }
  }

  /** Brings back the earlier-built feature {@code contribution} claims; true if it did. */
  private boolean bringBackOwner(String contribution, Set<ContributionKind> kinds) {
    TypeElement element = type(contribution);
    boolean broughtBack = false;
    try {
      for (ContributionKind kind : element == null ? Set.<ContributionKind>of() : kinds) {
        Optional<TypeElement> owner = ModelReader.claimedOwner(element, kind);
        String name = owner.map(o -> o.getQualifiedName().toString()).orElse(null);
        if (name != null && !pendingFeatures.contains(name) && !doneFeatures.contains(name)
            && AnnotationReader.find(owner.get(), Feature.class.getName()).isPresent()
            && previous.isOwn(owner.get(), element)) {
          pendingFeatures.add(name);
          broughtBack = true;
        }
      }
    } catch (UnresolvedTypeException e) {
      return broughtBack; // looked up again next round, once the type is generated
    }
    ownerLookedUp.add(contribution);
    return broughtBack;
  }

  /** The features generated in one round, for its one marker class. */
  private static final class RoundMarker {
    final List<FeatureMarker> features = new ArrayList<>();
    final List<Element> originating = new ArrayList<>();
  }

  private void writeMarker(RoundMarker marker) {
    if (marker.features.isEmpty()) {
      return;
    }
    // By class, so that the same features give the same marker, however many were regenerated.
    marker.features.sort(Comparator.comparing(FeatureMarker::featureClass));
    try {
      generator.writeMarker(module, marker.features, marker.originating);
    } catch (IOException e) {
      reporter.error(DiagnosticCode.INTERNAL_ERROR, "could not write the classpath marker of "
          + marker.features.size() + " feature(s) (" + marker.features.get(0).featureClass()
          + ", ..): " + e.getMessage() + ". Check that the class output directory is writable.",
          marker.originating.get(0));
    }
  }

  /**
   * Reads the pending contributions and groups them by owning feature (orphans reported). Empty,
   * with everything left pending, when one of them mentions a type not generated yet.
   */
  private Optional<Map<String, List<Contribution>>> resolveOwners() {
    Set<String> localFeatures = new TreeSet<>(pendingFeatures);
    localFeatures.addAll(doneFeatures);
    Map<String, List<Contribution>> owned = new HashMap<>();
    boolean deferred = false;
    for (var it = pendingContributions.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      TypeElement element = type(entry.getKey());
      boolean keep = false;
      for (ContributionKind kind : element == null ? Set.<ContributionKind>of() : entry.getValue()) {
        try {
          Contribution c = ModelReader.contribution(element, kind);
          ownership.ownerOf(c, localFeatures).ifPresent(owner -> {
            String ownerName = owner.getQualifiedName().toString();
            if (doneFeatures.contains(ownerName)) {
              lateContribution(c, ownerName);
            } else {
              owned.computeIfAbsent(ownerName, k -> new ArrayList<>()).add(c);
            }
          });
        } catch (UnresolvedTypeException e) {
          keep = true;
        } catch (Throwable e) {
          rethrowIfFatal(e);
          reporter.error(DiagnosticCode.INTERNAL_ERROR, internalError(entry.getKey(), e), element);
        }
      }
      if (keep) {
        deferred = true;
      } else {
        it.remove();
      }
    }
    if (deferred) {
      owned.values().forEach(this::requeue);
      return Optional.empty();
    }
    return Optional.of(owned);
  }

  private void lateContribution(Contribution c, String ownerName) {
    reporter.error(DiagnosticCode.ORPHAN_CONTRIBUTION, c.kind().noun() + " \"" + c.name() + "\" ("
        + c.element().getQualifiedName() + ") appeared in a later annotation-processing round than"
        + " its feature " + ownerName + ", whose descriptor was already generated. Write it in"
        + " source next to the feature instead of generating it.", c.element());
  }

  /** The feature's model; throws {@link UnresolvedTypeException} to defer it a round. */
  private FeatureModel model(TypeElement element, List<Contribution> contributions) {
    typeChecks.requireResolved(element);
    List<Contribution> sorted = new ArrayList<>(contributions);
    sorted.sort(Comparator.comparing(c -> elements.getBinaryName(c.element()) + "#" + c.kind()));
    Map<String, SchemaDeriver.Derived> inputs = new HashMap<>();
    for (Contribution c : sorted) {
      typeChecks.requireResolved(c.element());
      if (c instanceof Contribution.Tool tool) {
        inputs.put(tool.element().getQualifiedName().toString(),
            keptSchema(element, tool.element(), schemas.derive(tool.element())));
      }
    }
    return new FeatureModel(ModelReader.feature(element), sorted, inputs);
  }

  /**
   * {@code derived}, or the schema an earlier build derived for the same tool and input type when
   * javac cannot show this one everything: before JDK 22, javac leaves out the type-use annotations
   * of classes it reads from class files (JDK-8225377), so a tool not recompiled now would lose a
   * {@code TYPE_USE} {@code @Nullable} or a bound on a type argument. Kept only when the tool and
   * every record and enum of its input are class files now, so that nothing they say has changed.
   */
  private SchemaDeriver.Derived keptSchema(TypeElement feature, TypeElement tool, SchemaDeriver.Derived derived) {
    if (Runtime.version().feature() >= 22 || trees == null || !derived.problems().isEmpty()
        || fromSource(tool) || derived.types().stream().anyMatch(this::fromSource)) {
      return derived;
    }
    return previous.earlierTool(feature, elements.getBinaryName(tool).toString())
        .filter(t -> t.inputType().equals(derived.inputType()) && t.inputSchema() instanceof ObjectNode)
        .map(t -> derived.withSchema((ObjectNode) t.inputSchema()))
        .orElse(derived);
  }

  /**
   * Whether {@code type} comes from a source of this compilation: whether javac has a tree for its
   * top-level type, asked once per top-level type (its tree is at hand, where a path, or a nested
   * class's tree, is found by scanning the file).
   */
  private boolean fromSource(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    TypeElement topLevel = top;
    return sourceTypes.computeIfAbsent(top.getQualifiedName().toString(), name -> {
      try {
        return trees.getTree(topLevel) != null;
      } catch (RuntimeException e) {
        return true; // unsure: derive afresh
      }
    });
  }

  private void validateAndGenerate(FeatureModel model, RoundMarker marker) {
    int before = reporter.errorCount();
    for (FeatureValidator validator : validators) {
      validator.validate(model);
    }
    if (reporter.errorCount() != before) {
      return;
    }
    FeatureDecl f = model.feature();
    String version = f.version().isEmpty() ? versionOption : f.version();
    List<Element> sources = new ArrayList<>();
    sources.add(f.element());
    model.contributions().forEach(c -> sources.add(c.element()));
    try {
      FeatureGenerator.Generated generated = generator.generate(f.element(),
          assembler.assemble(model, version, runtime), module, sources);
      lines.put(f.element().getQualifiedName().toString(), generated.line());
      marker.features.add(generated.marker());
      marker.originating.addAll(sources);
    } catch (IOException e) {
      reporter.error(DiagnosticCode.INTERNAL_ERROR, "could not write the descriptor class of"
          + " feature " + f.slug() + ": " + e.getMessage() + ". Check that the class output directory"
          + " is writable.", f.element());
      return;
    }
    sources.forEach(e -> originating.add(((TypeElement) e).getQualifiedName().toString()));
  }

  private void finish(String featureName) {
    pendingFeatures.remove(featureName);
    doneFeatures.add(featureName);
  }

  private void requeue(List<Contribution> contributions) {
    for (Contribution c : contributions) {
      pendingContributions.computeIfAbsent(c.element().getQualifiedName().toString(),
          k -> new TreeSet<>()).add(c.kind());
    }
  }

  private void writeIndex() {
    if (lines.isEmpty() || reporter.errorCount() > 0) {
      return;
    }
    List<Element> sources = new ArrayList<>();
    for (String name : originating) {
      TypeElement e = elements.getTypeElement(name);
      if (e != null) {
        sources.add(e);
      }
    }
    List<IndexLine> all = new ArrayList<>(lines.values());
    for (IndexLine line : kept.lines(doneFeatures, lines.values(), module)) {
      all.add(line);
      sources.addAll(kept.sources(line));
    }
    try {
      new IndexWriter(processingEnv.getFiler()).write(all, sources);
    } catch (IOException e) {
      reporter.error(DiagnosticCode.INTERNAL_ERROR, "could not write " + IndexLine.INDEX_PATH + ": "
          + e.getMessage() + ". Check that the class output directory is writable.");
    }
  }

  /**
   * Lets a dying JVM die (OutOfMemoryError, InternalError); anything else the processor or javac
   * under it throws (an AssertionError from javac's on-demand attribution in Trees.getElement, a
   * StackOverflowError on a deep type) becomes a [yoi/internal-error], never a compiler crash.
   */
  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  private static String internalError(String where, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String[] frames = trace.toString().split("\n");
    StringBuilder top = new StringBuilder();
    for (int i = 0; i < Math.min(frames.length, 8); i++) {
      top.append("\n  ").append(frames[i].strip());
    }
    return "the Yoi processor failed while processing " + where + ": " + e + top
        + "\nThis is a bug in the processor, not in your code; please report it with this message."
        + " The rest of the build's checks still ran.";
  }
}
