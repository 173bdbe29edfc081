package dev.yoi.feature.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.tools.StandardLocation;

/**
 * TEMPORARY stand-in for dev.yoi.processor.FeatureProcessor until it lands on main: generates the
 * descriptor class and index line per the contract in GeneratedFeature's javadoc, for the subset of
 * declarations the tests use. No validation. Delete when the real processor is available.
 */
public final class StandInProcessor extends AbstractProcessor {
  private final Map<String, Collected> features = new LinkedHashMap<>();
  private final List<TypeElement> contributions = new ArrayList<>();

  private static final class Collected {
    TypeElement type;
    final List<ToolDescriptor> tools = new ArrayList<>();
    final List<HookDescriptor> hooks = new ArrayList<>();
    final List<TaskDescriptor> tasks = new ArrayList<>();
    final List<ProvidedService> provided = new ArrayList<>();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("dev.yoi.feature.annotation.*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element e : round.getRootElements()) {
      scan(e);
    }
    if (round.processingOver()) {
      write();
    }
    return false;
  }

  private void scan(Element e) {
    if (e instanceof TypeElement type) {
      if (mirror(type, "Feature") != null) {
        collected(type).type = type;
      }
      for (String a : List.of("ToolContribution", "HookContribution", "BackgroundTaskContribution", "ProvidesService")) {
        if (mirror(type, a) != null) {
          contributions.add(type);
          break;
        }
      }
      for (Element inner : type.getEnclosedElements()) {
        scan(inner);
      }
    }
  }

  private Collected collected(TypeElement feature) {
    return features.computeIfAbsent(binary(feature), k -> new Collected());
  }

  private void write() {
    for (TypeElement c : contributions) {
      TypeElement owner = owner(c);
      Collected f = collected(owner);
      String cls = binary(c);
      AnnotationMirror tool = mirror(c, "ToolContribution");
      if (tool != null) {
        List<AuthorityKind> requires = new ArrayList<>();
        for (Object v : (List<?>) value(tool, "requires")) {
          requires.add(AuthorityKind.valueOf(((VariableElement) ((AnnotationValue) v).getValue()).getSimpleName().toString()));
        }
        String input = toolInput(c);
        JsonNode schema = CanonicalJson.parse(input.equals(JsonNode.class.getName()) ? "{}"
            : "{\"type\":\"object\"}");
        f.tools.add(new ToolDescriptor((String) value(tool, "name"), (String) value(tool, "description"), cls,
            input, schema, requires));
      }
      AnnotationMirror hook = mirror(c, "HookContribution");
      if (hook != null) {
        f.hooks.add(new HookDescriptor((String) value(hook, "name"), point(c), (Integer) value(hook, "order"), cls));
      }
      AnnotationMirror task = mirror(c, "BackgroundTaskContribution");
      if (task != null) {
        f.tasks.add(new TaskDescriptor((String) value(task, "name"), (String) value(task, "description"),
            (String) value(task, "every"),
            RestartPolicy.valueOf(((VariableElement) value(task, "restart")).getSimpleName().toString()), cls));
      }
      AnnotationMirror provides = mirror(c, "ProvidesService");
      if (provides != null) {
        f.provided.add(new ProvidedService((String) value(provides, "id"), (String) value(provides, "version"),
            canonical((TypeMirror) value(provides, "type")), (Boolean) value(provides, "privileged"), cls));
      }
    }
    List<IndexLine> lines = new ArrayList<>();
    for (Collected f : features.values()) {
      TypeElement type = f.type;
      AnnotationMirror feature = mirror(type, "Feature");
      String version = (String) value(feature, "version");
      if (version.isEmpty()) {
        version = processingEnv.getOptions().getOrDefault("yoi.version", "0.0.0");
      }
      List<RequiredService> required = new ArrayList<>();
      for (AnnotationMirror r : repeated(type, "RequiresService")) {
        required.add(new RequiredService((String) value(r, "id"), (String) value(r, "version"),
            canonical((TypeMirror) value(r, "type")), (Boolean) value(r, "optional"), (String) value(r, "reason")));
      }
      List<AuthorityRequest> authorities = new ArrayList<>();
      for (AnnotationMirror r : repeated(type, "RequiresAuthority")) {
        authorities.add(new AuthorityRequest(
            AuthorityKind.valueOf(((VariableElement) value(r, "value")).getSimpleName().toString()),
            (String) value(r, "scope"), (Boolean) value(r, "optional"), (String) value(r, "reason")));
      }
      f.tools.sort(Comparator.comparing(ToolDescriptor::name));
      f.hooks.sort(Comparator.comparing((HookDescriptor h) -> h.point().ordinal()).thenComparing(HookDescriptor::name));
      f.tasks.sort(Comparator.comparing(TaskDescriptor::name));
      f.provided.sort(Comparator.comparing(ProvidedService::id));
      FeatureDescriptor d = new FeatureDescriptor((String) value(feature, "id"), (String) value(feature, "name"),
          version, (String) value(feature, "description"), RuntimeKind.JVM_PLUGIN, binary(type), f.tools, f.hooks,
          f.tasks, f.provided, required, authorities);
      String pkg = processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
      String simple = binary(type).substring(pkg.isEmpty() ? 0 : pkg.length() + 1).replace('$', '_') + "_FeatureDescriptor";
      String descriptorClass = pkg.isEmpty() ? simple : pkg + "." + simple;
      writeClass(pkg, simple, type.getQualifiedName().toString(), d);
      lines.add(IndexLine.of(processingEnv.getOptions().getOrDefault("yoi.module", "test"), descriptorClass, d));
    }
    try (Writer out = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
        IndexLine.INDEX_PATH).openWriter()) {
      out.write(IndexFile.write(lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeClass(String pkg, String simple, String featureClass, FeatureDescriptor d) {
    String json = CanonicalJson.write(d).replace("\\", "\\\\").replace("\"", "\\\"");
    String text = (pkg.isEmpty() ? "" : "package " + pkg + ";\n")
        + "public final class " + simple + " implements dev.yoi.feature.GeneratedFeature {\n"
        + "  public static final String DIGEST = \"" + Digests.of(d) + "\";\n"
        + "  public static final dev.yoi.descriptor.FeatureDescriptor DESCRIPTOR = dev.yoi.descriptor.CanonicalJson"
        + ".toDescriptor(dev.yoi.descriptor.CanonicalJson.parse(\"" + json + "\"));\n"
        + "  public " + simple + "() {}\n"
        + "  public dev.yoi.descriptor.FeatureDescriptor descriptor() { return DESCRIPTOR; }\n"
        + "  public String digest() { return DIGEST; }\n"
        + "  public dev.yoi.feature.FeatureModule create() { return new " + featureClass + "(); }\n"
        + "}\n";
    try (Writer out = processingEnv.getFiler().createSourceFile(pkg.isEmpty() ? simple : pkg + "." + simple).openWriter()) {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TypeElement owner(TypeElement c) {
    for (String a : List.of("ToolContribution", "HookContribution", "BackgroundTaskContribution", "ProvidesService")) {
      AnnotationMirror m = mirror(c, a);
      if (m != null) {
        TypeMirror f = (TypeMirror) value(m, "feature");
        if (f instanceof DeclaredType declared) {
          return (TypeElement) declared.asElement();
        }
      }
    }
    for (Element e = c.getEnclosingElement(); e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement t && mirror(t, "Feature") != null) {
        return t;
      }
    }
    throw new IllegalStateException("no owner for " + c);
  }

  private HookPoint point(TypeElement c) {
    for (HookPoint p : HookPoint.values()) {
      TypeElement i = processingEnv.getElementUtils().getTypeElement(p.hookInterface());
      if (processingEnv.getTypeUtils().isAssignable(c.asType(), i.asType())) {
        return p;
      }
    }
    throw new IllegalStateException("not a hook: " + c);
  }

  private String toolInput(TypeElement c) {
    TypeElement tool = processingEnv.getElementUtils().getTypeElement("dev.yoi.pod.tool.Tool");
    for (TypeMirror s : c.getInterfaces()) {
      DeclaredType d = (DeclaredType) s;
      if (d.asElement().equals(tool)) {
        return binary((TypeElement) ((DeclaredType) d.getTypeArguments().get(0)).asElement());
      }
    }
    throw new IllegalStateException("not a tool: " + c);
  }

  private String canonical(TypeMirror t) {
    return ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString();
  }

  private String binary(TypeElement t) {
    return processingEnv.getElementUtils().getBinaryName(t).toString();
  }

  private static AnnotationMirror mirror(Element e, String simple) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (m.getAnnotationType().toString().equals("dev.yoi.feature.annotation." + simple)) {
        return m;
      }
    }
    return null;
  }

  private List<AnnotationMirror> repeated(Element e, String simple) {
    List<AnnotationMirror> out = new ArrayList<>();
    AnnotationMirror single = mirror(e, simple);
    if (single != null) {
      out.add(single);
    }
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (m.getAnnotationType().toString().equals("dev.yoi.feature.annotation." + simple + ".List")) {
        for (Object v : (List<?>) value(m, "value")) {
          out.add((AnnotationMirror) ((AnnotationValue) v).getValue());
        }
      }
    }
    return out;
  }

  private Object value(AnnotationMirror m, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : processingEnv.getElementUtils().getElementValuesWithDefaults(m).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue().getValue();
      }
    }
    throw new IllegalArgumentException(name);
  }
}
