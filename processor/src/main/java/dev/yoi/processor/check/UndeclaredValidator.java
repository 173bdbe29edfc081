package dev.yoi.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.AuthorTypes;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.ContributionKind;
import dev.yoi.processor.model.FeatureModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * {@code undeclared-contribution} at build time, where it is certain: a concrete class nested in a
 * feature that implements {@code Tool}, a hook interface or {@code BackgroundTask} without the
 * matching annotation; and, through the javac Trees API when it is available, an {@code install}
 * method that registers {@code new X(..)} where X is not a contribution this feature declares (an
 * anonymous class never is). A registration whose syntax already shows it declared is not
 * attributed ({@link InstallSyntax}). Where attributing during processing would break the build
 * (a record in the same top-level class, {@link AttributionHazard}), the other registrations are
 * checked once javac has attributed the class itself ({@link TaskEvent.Kind#ANALYZE}), with the same
 * message on the same expression. Anything less certain is left to the runtime's registration check.
 */
public final class UndeclaredValidator implements FeatureValidator {
  private static final Map<String, ContributionKind> REGISTRARS = Map.of(
      AuthorTypes.TOOL_REGISTRAR, ContributionKind.TOOL,
      AuthorTypes.HOOK_REGISTRAR, ContributionKind.HOOK,
      AuthorTypes.TASK_REGISTRAR, ContributionKind.TASK,
      AuthorTypes.SERVICE_BINDER, ContributionKind.SERVICE);

  private final Reporter reporter;
  private final TypeChecks typeChecks;
  private final Trees trees;
  private final JavacTask task;

  /**
   * @param trees the javac Trees API, or null: then only the nested-class half runs
   * @param task the javac task, or null: then registrations that cannot be attributed during
   *     processing are left to the runtime
   */
  public UndeclaredValidator(Reporter reporter, TypeChecks typeChecks, Trees trees, JavacTask task) {
    this.reporter = reporter;
    this.typeChecks = typeChecks;
    this.trees = trees;
    this.task = task;
  }

  /** The javac task of {@code env}, or null when the compiler is not javac (or wraps it). */
  public static JavacTask taskOf(javax.annotation.processing.ProcessingEnvironment env) {
    try {
      return JavacTask.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  @Override
  public void validate(FeatureModel model) {
    checkNested(model, model.feature().element());
    if (trees != null) {
      for (ExecutableElement method : ElementFilter.methodsIn(model.feature().element().getEnclosedElements())) {
        if (method.getSimpleName().contentEquals("install") && method.getParameters().size() == 1) {
          scanInstall(model, method);
        }
      }
    }
  }

  private void checkNested(FeatureModel model, TypeElement container) {
    for (TypeElement nested : ElementFilter.typesIn(container.getEnclosedElements())) {
      if (AnnotationReader.find(nested, Feature.class.getName()).isPresent()) {
        continue; // a feature nested in a feature owns its own classes
      }
      if (!nested.getKind().isInterface() && !nested.getModifiers().contains(Modifier.ABSTRACT)
          && !misdeclared(nested)) {
        check(model, nested, AuthorTypes.TOOL, ContributionKind.TOOL, "Tool");
        for (String hook : AuthorTypes.HOOKS) {
          check(model, nested, hook, ContributionKind.HOOK, hook.substring(hook.lastIndexOf('.') + 1));
        }
        check(model, nested, AuthorTypes.BACKGROUND_TASK, ContributionKind.TASK, "BackgroundTask");
      }
      checkNested(model, nested);
    }
  }

  /**
   * Whether the class carries a tool, hook or task annotation without implementing what it needs:
   * that is its one problem ({@code wrong-supertype}), and the interface it does implement is most
   * likely the one its annotation was meant for.
   */
  private boolean misdeclared(TypeElement nested) {
    for (ContributionKind kind : List.of(ContributionKind.TOOL, ContributionKind.HOOK, ContributionKind.TASK)) {
      if (AnnotationReader.find(nested, kind.annotation().getName()).isEmpty()) {
        continue;
      }
      boolean implemented = switch (kind) {
        case TOOL -> typeChecks.isA(nested, AuthorTypes.TOOL);
        case TASK -> typeChecks.isA(nested, AuthorTypes.BACKGROUND_TASK);
        default -> !typeChecks.implemented(nested, AuthorTypes.HOOKS).isEmpty();
      };
      if (!implemented) {
        return true;
      }
    }
    return false;
  }

  private void check(FeatureModel model, TypeElement nested, String type, ContributionKind kind, String shown) {
    if (!typeChecks.isA(nested, type)
        || AnnotationReader.find(nested, kind.annotation().getName()).isPresent()) {
      return;
    }
    reporter.error(DiagnosticCode.UNDECLARED_CONTRIBUTION, "class " + nested.getQualifiedName()
        + ", nested in feature " + model.slug() + " (" + model.feature().element().getQualifiedName()
        + "), implements " + shown + " but has no " + kind.annotationLabel() + ", so the runtime"
        + " rejects it when install registers it. Annotate it " + kind.annotationLabel()
        + "(name = ...), or move it out of the feature class if it is not a contribution.", nested);
  }

  /**
   * Checks each registration of {@code install}: those whose syntax shows them declared
   * ({@link InstallSyntax}) without javac's help, the others through {@code Trees.getElement}, which
   * has javac attribute the feature class. The method's tree path (a scan of its file) is looked
   * up only for those.
   */
  private void scanInstall(FeatureModel model, ExecutableElement install) {
    MethodTree method = trees.getTree(install);
    if (method == null) {
      return;
    }
    Set<String> declared = new HashSet<>();
    for (Contribution c : model.contributions()) {
      declared.add(c.kind() + " " + c.element().getQualifiedName());
    }
    InstallSyntax syntax = new InstallSyntax(model.feature().element(), install);
    Set<String> localClasses = new HashSet<>();
    Map<MethodInvocationTree, InstallSyntax.Registration> readable = new LinkedHashMap<>();
    List<MethodInvocationTree> attributed = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      /** Class bodies entered: inside one, a name may mean something else than in the method. */
      private int classDepth;

      @Override
      public Void visitClass(ClassTree type, Void unused) {
        if (!type.getSimpleName().isEmpty()) {
          localClasses.add(type.getSimpleName().toString());
        }
        classDepth++;
        try {
          return super.visitClass(type, unused);
        } finally {
          classDepth--;
        }
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        // Only register(..) and provide(..) can be registrations.
        if (isNamedRegistration(call.getMethodSelect())) {
          InstallSyntax.Registration registration = classDepth == 0 ? syntax.read(call) : null;
          if (registration != null) {
            readable.put(call, registration);
          } else {
            attributed.add(call);
          }
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(method, null);
    // Local classes are known once the whole method is read; a registration creating one of their
    // names goes to javac like any other.
    readable.forEach((call, registration) -> {
      String created = syntax.createdClass(registration, localClasses);
      if (created == null || !declared.contains(registration.kind() + " " + created)) {
        attributed.add(call);
      }
    });
    if (attributed.isEmpty()) {
      return;
    }
    TreePath path = trees.getPath(install);
    if (path == null) {
      return;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    attributed.sort(Comparator.comparingLong(call -> trees.getSourcePositions().getStartPosition(unit, call)));
    Runnable check = () -> {
      for (MethodInvocationTree call : attributed) {
        TreePath callPath = TreePath.getPath(path, call);
        if (callPath != null) {
          checkRegistration(model, call, callPath, unit, declared);
        }
      }
    };
    if (!AttributionHazard.inTopLevelOf(model.feature().element(), trees)) {
      check.run();
    } else if (task != null) {
      task.addTaskListener(new AfterAnalysis(unit, model.feature().element().getQualifiedName().toString(), check));
    }
  }

  /**
   * Runs a check once javac has attributed the feature's class: on the first {@code ANALYZE} of
   * its compilation unit for the feature or a class enclosing it (attributing a class attributes
   * its enclosing ones). Names, not elements, are compared: javac may re-create the symbols after
   * processing, while the trees stay.
   */
  private static final class AfterAnalysis implements TaskListener {
    private final CompilationUnitTree unit;
    private final String feature;
    private Runnable check;

    AfterAnalysis(CompilationUnitTree unit, String feature, Runnable check) {
      this.unit = unit;
      this.feature = feature;
      this.check = check;
    }

    @Override
    public void finished(TaskEvent event) {
      if (check == null || event.getKind() != TaskEvent.Kind.ANALYZE || event.getCompilationUnit() != unit
          || event.getTypeElement() == null) {
        return;
      }
      String analyzed = event.getTypeElement().getQualifiedName().toString();
      if (feature.equals(analyzed) || feature.startsWith(analyzed + ".")) {
        Runnable once = check;
        check = null;
        once.run();
      }
    }
  }

  private void checkRegistration(FeatureModel model, MethodInvocationTree call, TreePath callPath,
      CompilationUnitTree unit, Set<String> declared) {
    if (!(trees.getElement(callPath) instanceof ExecutableElement method)
        || !(method.getEnclosingElement() instanceof TypeElement owner)) {
      return;
    }
    ContributionKind kind = REGISTRARS.get(owner.getQualifiedName().toString());
    int argument = kind == ContributionKind.SERVICE ? 1 : 0;
    String expected = kind == ContributionKind.SERVICE ? "provide" : "register";
    if (kind == null || !method.getSimpleName().contentEquals(expected)
        || call.getArguments().size() <= argument) {
      return;
    }
    ExpressionTree arg = call.getArguments().get(argument);
    TreePath argPath = new TreePath(callPath, arg);
    while (arg instanceof ParenthesizedTree parens) {
      arg = parens.getExpression();
      argPath = new TreePath(argPath, arg);
    }
    if (!(arg instanceof NewClassTree created)
        || !(trees.getElement(argPath) instanceof ExecutableElement ctor)
        || !(ctor.getEnclosingElement() instanceof TypeElement type)
        || type.asType().getKind() == TypeKind.ERROR) {
      return;
    }
    String feature = "feature " + model.slug() + " (" + model.feature().element().getQualifiedName() + ")";
    String message;
    if (type.getNestingKind() == NestingKind.ANONYMOUS || created.getClassBody() != null) {
      message = "install of " + feature + " registers an anonymous " + kind.noun() + " class, which"
          + " cannot carry " + kind.annotationLabel() + ", so the runtime rejects it. Make it a named"
          + " class nested in the feature and annotate it " + kind.annotationLabel() + ".";
    } else if (type.getKind() == ElementKind.CLASS || type.getKind() == ElementKind.RECORD) {
      if (declared.contains(kind + " " + type.getQualifiedName()) || reportedAsNested(model, type, kind)) {
        return;
      }
      message = "install of " + feature + " registers " + type.getQualifiedName() + " as a "
          + kind.noun() + ", but the feature declares no " + kind.annotationLabel() + " on that"
          + " class, so the runtime rejects it. Annotate " + type.getSimpleName() + " with "
          + kind.annotationLabel() + (isNestedIn(type, model.feature().element())
              ? "" : "(..., feature = " + model.feature().element().getSimpleName() + ".class)")
          + ", or stop registering it.";
    } else {
      return;
    }
    reporter.counted();
    trees.printMessage(Diagnostic.Kind.ERROR, DiagnosticCode.UNDECLARED_CONTRIBUTION.format(message),
        created, unit);
  }

  private static boolean isNamedRegistration(ExpressionTree select) {
    Name name;
    if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier();
    } else if (select instanceof IdentifierTree identifier) {
      name = identifier.getName();
    } else {
      return false;
    }
    return name.contentEquals("register") || name.contentEquals("provide");
  }

  /** A nested class without its annotation already has its error, on the class. */
  private boolean reportedAsNested(FeatureModel model, TypeElement type, ContributionKind kind) {
    return kind != ContributionKind.SERVICE && isNestedIn(type, model.feature().element())
        && AnnotationReader.find(type, kind.annotation().getName()).isEmpty();
  }

  private static boolean isNestedIn(Element type, TypeElement feature) {
    // By name: a check run after processing sees javac's fresh symbols next to the model's.
    for (Element e = type.getEnclosingElement(); e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement enclosing && enclosing.getQualifiedName().contentEquals(feature.getQualifiedName())) {
        return true;
      }
    }
    return false;
  }
}
