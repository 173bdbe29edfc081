package dev.yoi.processor.model;

import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.processor.schema.SchemaDeriver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the {@link FeatureDescriptor} of a validated feature, in the descriptor's documented
 * orders (tools by name, hooks by point then name, tasks by name, services by id; requests as
 * declared).
 */
public final class DescriptorAssembler {
  private final Elements elements;
  private final Types types;

  public DescriptorAssembler(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** @param version the effective version (the annotation's, or the {@code yoi.version} option) */
  public FeatureDescriptor assemble(FeatureModel model, String version, RuntimeKind runtime) {
    FeatureDecl f = model.feature();
    List<ToolDescriptor> tools = new ArrayList<>();
    for (Contribution.Tool t : model.tools()) {
      SchemaDeriver.Derived input = model.input(t);
      tools.add(new ToolDescriptor(t.name(), t.description(), binaryName(t.element()),
          input.inputType(), input.schema(), t.requires()));
    }
    tools.sort(Comparator.comparing(ToolDescriptor::name));
    List<HookDescriptor> hooks = new ArrayList<>();
    for (Contribution.Hook h : model.hooks()) {
      hooks.add(new HookDescriptor(h.name(), hookPoint(h.element()), h.order(), binaryName(h.element())));
    }
    hooks.sort(Comparator.comparing(HookDescriptor::point).thenComparing(HookDescriptor::name));
    List<TaskDescriptor> tasks = new ArrayList<>();
    for (Contribution.Task t : model.tasks()) {
      tasks.add(new TaskDescriptor(t.name(), t.description(), t.every(), t.restart(),
          binaryName(t.element())));
    }
    tasks.sort(Comparator.comparing(TaskDescriptor::name));
    List<ProvidedService> provided = new ArrayList<>();
    for (Contribution.Service s : model.services()) {
      provided.add(new ProvidedService(s.name(), s.version(), canonicalName(s.type()),
          s.privileged(), binaryName(s.element())));
    }
    provided.sort(Comparator.comparing(ProvidedService::id));
    List<RequiredService> required = new ArrayList<>();
    for (ServiceRequestDecl r : f.requiredServices()) {
      required.add(new RequiredService(r.id(), r.version(), canonicalName(r.type()), r.optional(), r.reason()));
    }
    List<AuthorityRequest> authorities = new ArrayList<>();
    for (AuthorityDecl a : f.authorities()) {
      authorities.add(new AuthorityRequest(a.kind(), a.scope(), a.optional(), a.reason()));
    }
    return new FeatureDescriptor(f.slug(), f.name(), version, f.description(), runtime,
        binaryName(f.element()), tools, hooks, tasks, provided, required, authorities);
  }

  /** The point of the one hook interface the class implements (validated before). */
  public HookPoint hookPoint(TypeElement hook) {
    for (HookPoint point : HookPoint.values()) {
      TypeElement hookInterface = elements.getTypeElement(point.hookInterface());
      if (hookInterface != null
          && types.isSubtype(types.erasure(hook.asType()), types.erasure(hookInterface.asType()))) {
        return point;
      }
    }
    throw new IllegalStateException(hook + " implements no hook interface");
  }

  private String binaryName(TypeElement element) {
    return elements.getBinaryName(element).toString();
  }

  private String canonicalName(TypeMirror type) {
    return ((TypeElement) types.asElement(type)).getQualifiedName().toString();
  }
}
