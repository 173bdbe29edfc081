package dev.yoi.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.JavaFile;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.processor.check.AuthorityValidator;
import dev.yoi.processor.check.DuplicateValidator;
import dev.yoi.processor.check.FeatureValidator;
import dev.yoi.processor.check.NameValidator;
import dev.yoi.processor.check.OwnershipValidator;
import dev.yoi.processor.check.RequestValidator;
import dev.yoi.processor.check.TypeChecks;
import dev.yoi.processor.check.UndeclaredValidator;
import dev.yoi.processor.marker.FeatureMarker;
import dev.yoi.processor.marker.MarkerReader;
import dev.yoi.processor.marker.MarkerWriter;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.ContributionKind;
import dev.yoi.processor.model.DescriptorAssembler;
import dev.yoi.processor.model.FeatureDecl;
import dev.yoi.processor.model.FeatureModel;
import dev.yoi.processor.model.ModelReader;
import dev.yoi.processor.model.UnresolvedTypeException;
import dev.yoi.processor.schema.SchemaDeriver;
import dev.yoi.processor.write.DescriptorWriter;
import dev.yoi.processor.write.IndexWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The Yoi annotation processor. Gathers {@code @Feature} classes and their contributions across
 * rounds into sorted maps, validates each feature with one validator per family of codes, generates
 * its {@code X_FeatureDescriptor} and classpath marker in the round it is complete, and writes the
 * module's {@code META-INF/yoi/features.jsonl} once, when processing is over. Any exception of its
 * own becomes a {@code [yoi/internal-error]} on the element being processed.
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

  private final List<FeatureValidator> extraValidators;

  private Elements elements;
  private Reporter reporter;
  private String module;
  private RuntimeKind runtime;
  private OwnershipValidator ownership;
  private DuplicateValidator duplicates;
  private List<FeatureValidator> validators;
  private SchemaDeriver schemas;
  private DescriptorAssembler assembler;
  private DescriptorWriter descriptorWriter;
  private MarkerWriter markerWriter;
  private MarkerReader markerReader;
  private String versionOption;

  /** Canonical names of {@code @Feature} classes not generated yet (deferred ones stay here). */
  private final SortedMap<String, Boolean> pendingFeatures = new TreeMap<>();
  /** Canonical name of a contribution class to its kinds, until its owner is known. */
  private final SortedMap<String, Set<ContributionKind>> pendingContributions = new TreeMap<>();
  /** Canonical names of features handled (generated or failed): late contributions cannot join. */
  private final Set<String> doneFeatures = new TreeSet<>();
  /** Index lines by feature canonical name. */
  private final SortedMap<String, IndexLine> lines = new TreeMap<>();
  /** Canonical names of every element the index derives from. */
  private final Set<String> originating = new TreeSet<>();
  private boolean markersRead;

  public FeatureProcessor() {
    this(List.of());
  }

  /** For tests: extra validators run after the built-in ones. */
  FeatureProcessor(List<FeatureValidator> extraValidators) {
    this.extraValidators = List.copyOf(extraValidators);
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
    reporter = new Reporter(env.getMessager(), Reporter.treesOf(env));
    Map<String, String> options = env.getOptions();
    versionOption = options.getOrDefault(OPTION_VERSION, "").trim();
    module = options.getOrDefault(OPTION_MODULE, "").trim();
    if (module.isEmpty()) {
      module = DEFAULT_MODULE;
    }
    runtime = RuntimeKind.JVM_PLUGIN;
    String runtimeOption = options.getOrDefault(OPTION_RUNTIME, "").trim();
    if (runtimeOption.equals(RuntimeKind.BUILTIN.wireName())) {
      runtime = RuntimeKind.BUILTIN;
    } else if (!runtimeOption.isEmpty() && !runtimeOption.equals(RuntimeKind.JVM_PLUGIN.wireName())) {
      reporter.error(DiagnosticCode.INVALID_ID, "processor option -A" + OPTION_RUNTIME + "=\""
          + runtimeOption + "\" is not a runtime the processor generates; use \"jvm_plugin\" (the"
          + " default) or \"builtin\".");
    }
    TypeChecks typeChecks = new TypeChecks(elements, env.getTypeUtils());
    ownership = new OwnershipValidator(reporter, typeChecks, env.getTypeUtils());
    duplicates = new DuplicateValidator(reporter, elements);
    List<FeatureValidator> all = new ArrayList<>();
    all.add(new NameValidator(reporter, versionOption));
    all.add(new RequestValidator(reporter));
    all.add(ownership);
    all.add(duplicates);
    all.add(new AuthorityValidator(reporter));
    all.add(new UndeclaredValidator(reporter, typeChecks, Reporter.treesOf(env)));
    all.addAll(extraValidators);
    validators = List.copyOf(all);
    schemas = new SchemaDeriver(env.getTypeUtils(), elements);
    assembler = new DescriptorAssembler(elements, env.getTypeUtils());
    descriptorWriter = new DescriptorWriter(elements);
    markerWriter = new MarkerWriter(elements);
    markerReader = new MarkerReader(elements, env.getFiler());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        writeIndex();
      } else {
        gather(round);
        processRound();
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      reporter.error(DiagnosticCode.INTERNAL_ERROR, internalError("the round", e));
    }
    return false;
  }

  private void gather(RoundEnvironment round) {
    for (Element e : round.getElementsAnnotatedWith(Feature.class)) {
      if (e instanceof TypeElement type) {
        pendingFeatures.put(type.getQualifiedName().toString(), Boolean.TRUE);
      }
    }
    for (ContributionKind kind : ContributionKind.values()) {
      for (Element e : round.getElementsAnnotatedWith(kind.annotation())) {
        if (e instanceof TypeElement type) {
          pendingContributions.computeIfAbsent(type.getQualifiedName().toString(),
              k -> new TreeSet<>()).add(kind);
        }
      }
    }
  }

  private void processRound() {
    if (!markersRead) {
      markersRead = true;
      duplicates.addClasspath(markerReader.read());
    }
    Map<String, List<Contribution>> owned = new HashMap<>();
    boolean deferredContribution = false;
    for (var it = pendingContributions.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      TypeElement element = elements.getTypeElement(entry.getKey());
      if (element == null) {
        it.remove();
        continue;
      }
      boolean keep = false;
      for (ContributionKind kind : entry.getValue()) {
        try {
          Contribution c = ModelReader.contribution(element, kind);
          Set<String> local = new TreeSet<>(pendingFeatures.keySet());
          local.addAll(doneFeatures);
          Optional<TypeElement> owner = ownership.ownerOf(c, local);
          if (owner.isPresent()) {
            String ownerName = owner.get().getQualifiedName().toString();
            if (doneFeatures.contains(ownerName)) {
              reporter.error(DiagnosticCode.ORPHAN_CONTRIBUTION, c.kind().noun() + " \"" + c.name()
                  + "\" (" + entry.getKey() + ") appeared in a later annotation-processing round than"
                  + " its feature " + ownerName + ", whose descriptor is already generated. Write it"
                  + " in source next to the feature instead of generating it.", element, c.mirror());
            } else {
              owned.computeIfAbsent(ownerName, k -> new ArrayList<>()).add(c);
            }
          }
        } catch (UnresolvedTypeException e) {
          keep = true;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
          reporter.error(DiagnosticCode.INTERNAL_ERROR, internalError(entry.getKey(), e), element);
        }
      }
      if (keep) {
        deferredContribution = true;
      } else {
        it.remove();
      }
    }
    if (deferredContribution) {
      // A contribution whose owner is not resolved yet may belong to any pending feature: wait.
      // Its siblings wait in 'owned'-less form: they are re-read next round.
      requeue(owned);
      return;
    }
    List<Ready> ready = new ArrayList<>();
    for (String name : new ArrayList<>(pendingFeatures.keySet())) {
      TypeElement element = elements.getTypeElement(name);
      if (element == null) {
        pendingFeatures.remove(name);
        continue;
      }
      List<Contribution> contributions = new ArrayList<>(owned.getOrDefault(name, List.of()));
      contributions.sort(Comparator.comparing(c -> elements.getBinaryName(c.element()).toString()
          + "#" + c.kind()));
      try {
        FeatureModel model = new FeatureModel(ModelReader.feature(element), contributions);
        ready.add(new Ready(model, deriveInputs(model)));
      } catch (UnresolvedTypeException e) {
        // Retried next round with its contributions, which are re-read then.
        requeue(Map.of(name, contributions));
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        pendingFeatures.remove(name);
        doneFeatures.add(name);
        reporter.error(DiagnosticCode.INTERNAL_ERROR, internalError(name, e), element);
      }
    }
    duplicates.register(ready.stream().map(Ready::model).toList());
    for (Ready r : ready) {
      String name = r.model().feature().element().getQualifiedName().toString();
      pendingFeatures.remove(name);
      doneFeatures.add(name);
      try {
        generateIfValid(r);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        reporter.error(DiagnosticCode.INTERNAL_ERROR, internalError(name, e), r.model().feature().element());
      }
    }
  }

  /** Puts contributions back to be read again next round. */
  private void requeue(Map<String, List<Contribution>> owned) {
    for (List<Contribution> list : owned.values()) {
      for (Contribution c : list) {
        pendingContributions.computeIfAbsent(c.element().getQualifiedName().toString(),
            k -> new TreeSet<>()).add(c.kind());
      }
    }
  }

  private record Ready(FeatureModel model, Map<String, SchemaDeriver.Derived> inputs) {}

  /** Every tool's input schema; throws {@link UnresolvedTypeException} to defer the feature. */
  private Map<String, SchemaDeriver.Derived> deriveInputs(FeatureModel model) {
    Map<String, SchemaDeriver.Derived> inputs = new HashMap<>();
    for (Contribution.Tool tool : model.tools()) {
      inputs.put(elements.getBinaryName(tool.element()).toString(), schemas.derive(tool.element()));
    }
    return inputs;
  }

  private void generateIfValid(Ready ready) {
    FeatureModel model = ready.model();
    int before = reporter.errorCount();
    for (FeatureValidator validator : validators) {
      validator.validate(model);
    }
    for (Contribution.Tool tool : model.tools()) {
      SchemaDeriver.Derived input = ready.inputs().get(elements.getBinaryName(tool.element()).toString());
      if (!input.problems().isEmpty() && typeIsTool(tool)) {
        reporter.error(DiagnosticCode.UNSUPPORTED_INPUT_TYPE, "tool \"" + tool.name() + "\" ("
            + tool.element().getQualifiedName() + ") of feature " + model.slug() + ": "
            + String.join("; ", input.problems()) + ". Supported: records of strings, booleans,"
            + " integers, decimals, enums, nested records, List, Set, arrays, Map<String, V> and"
            + " Optional components; or JsonNode for free-form input.",
            tool.element());
      }
    }
    if (reporter.errorCount() != before) {
      return;
    }
    FeatureDecl f = model.feature();
    String version = f.version().isEmpty() ? versionOption : f.version();
    FeatureDescriptor descriptor = assembler.assemble(model, version, runtime, ready.inputs());
    String digest = Digests.of(descriptor);
    List<Element> sources = new ArrayList<>();
    sources.add(f.element());
    model.contributions().forEach(c -> sources.add(c.element()));
    TypeElement feature = f.element();
    write(descriptorWriter.write(feature, descriptor, digest, sources), feature);
    String binaryName = elements.getBinaryName(feature).toString();
    write(markerWriter.write(new FeatureMarker(descriptor.slug(), binaryName, module,
        descriptor.tools().stream().map(t -> new FeatureMarker.Entry(t.name(), t.className())).toList(),
        descriptor.providedServices().stream()
            .map(s -> new FeatureMarker.Entry(s.id(), s.className())).toList()), sources), feature);
    lines.put(feature.getQualifiedName().toString(), new IndexLine(IndexLine.FORMAT, descriptor.slug(),
        module, DescriptorWriter.descriptorClass(feature).reflectionName(), digest, descriptor));
    for (Element e : sources) {
      originating.add(((TypeElement) e).getQualifiedName().toString());
    }
  }

  /** A tool whose class is not a Tool gets wrong-supertype alone, not a schema complaint too. */
  private boolean typeIsTool(Contribution.Tool tool) {
    TypeElement toolType = elements.getTypeElement(dev.yoi.processor.model.AuthorTypes.TOOL);
    return toolType == null || processingEnv.getTypeUtils().isSubtype(
        processingEnv.getTypeUtils().erasure(tool.element().asType()),
        processingEnv.getTypeUtils().erasure(toolType.asType()));
  }

  private void write(JavaFile file, Element element) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      reporter.error(DiagnosticCode.INTERNAL_ERROR, "could not write " + file.packageName + "."
          + file.typeSpec.name + ": " + e.getMessage(), element);
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
    try {
      new IndexWriter(processingEnv.getFiler()).write(new ArrayList<>(lines.values()), sources);
    } catch (IOException e) {
      reporter.error(DiagnosticCode.INTERNAL_ERROR, "could not write " + IndexLine.INDEX_PATH + ": "
          + e.getMessage() + ". Check that the class output directory is writable.");
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
