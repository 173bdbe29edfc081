package dev.yoi.processor.check;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import dev.yoi.processor.model.AuthorTypes;
import dev.yoi.processor.model.ContributionKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;

/**
 * Registrations of an {@code install} method that its syntax tree alone shows to be declared, so
 * that the install scan need not have javac attribute them ({@code Trees.getElement} attributes the
 * whole feature class, work javac throws away before its own attribution). The one shape read:
 *
 * <pre>{@code context.tools().register(new Echo())}</pre>
 *
 * where {@code context} is the method's {@code InstallContext} parameter, the accessor
 * ({@code tools}, {@code hooks}, {@code backgroundTasks}, {@code services}) names the kind, the
 * registration is {@code register(x)} ({@code provide(type, x)} for a service), and {@code Echo} is
 * a simple name that can only mean a class nested in the feature which the feature declares as a
 * contribution of that kind. Java's scoping makes that certain outside any class body in the
 * method: no local variable or lambda parameter may hide the method's parameter, and a member class
 * hides every import and inherited class of its name; a local class of that name, or a type
 * parameter of the feature, rules the shortcut out. Anything else is left to the attributed check.
 */
final class InstallSyntax {
  private static final Map<String, ContributionKind> ACCESSORS = Map.of(
      "tools", ContributionKind.TOOL,
      "hooks", ContributionKind.HOOK,
      "backgroundTasks", ContributionKind.TASK,
      "services", ContributionKind.SERVICE);

  /** The {@code InstallContext} parameter's name, or null: then nothing is read from the syntax. */
  private final String context;
  /** Simple name of each class nested directly in the feature to its qualified name. */
  private final Map<String, String> members = new HashMap<>();
  private final Set<String> typeParameters = new java.util.HashSet<>();

  InstallSyntax(TypeElement feature, ExecutableElement install) {
    this.context = install.getParameters().size() == 1
        && install.getParameters().get(0).asType() instanceof DeclaredType type
        && type.asElement() instanceof TypeElement element
        && element.getQualifiedName().contentEquals(AuthorTypes.INSTALL_CONTEXT)
        ? install.getParameters().get(0).getSimpleName().toString() : null;
    for (TypeElement member : ElementFilter.typesIn(feature.getEnclosedElements())) {
      members.put(member.getSimpleName().toString(), member.getQualifiedName().toString());
    }
    for (TypeParameterElement parameter : feature.getTypeParameters()) {
      typeParameters.add(parameter.getSimpleName().toString());
    }
  }

  /** What a registration of the shape above says: the kind and the simple name it creates. */
  record Registration(ContributionKind kind, String created) {}

  /**
   * The registration {@code call} makes, when it has the shape above; null otherwise. Valid only
   * for a call outside any class body in the method (the caller knows).
   */
  Registration read(MethodInvocationTree call) {
    if (context == null
        || !(call.getMethodSelect() instanceof MemberSelectTree registration)
        || !(registration.getExpression() instanceof MethodInvocationTree accessorCall)
        || !accessorCall.getArguments().isEmpty()
        || !(accessorCall.getMethodSelect() instanceof MemberSelectTree accessor)
        || !(accessor.getExpression() instanceof IdentifierTree receiver)
        || !receiver.getName().contentEquals(context)) {
      return null;
    }
    ContributionKind kind = ACCESSORS.get(accessor.getIdentifier().toString());
    if (kind == null) {
      return null;
    }
    boolean service = kind == ContributionKind.SERVICE;
    if (!registration.getIdentifier().contentEquals(service ? "provide" : "register")
        || call.getArguments().size() != (service ? 2 : 1)) {
      return null;
    }
    ExpressionTree argument = call.getArguments().get(service ? 1 : 0);
    while (argument instanceof ParenthesizedTree parens) {
      argument = parens.getExpression();
    }
    if (!(argument instanceof NewClassTree created) || created.getClassBody() != null
        || created.getEnclosingExpression() != null
        || !(created.getIdentifier() instanceof IdentifierTree name)) {
      return null;
    }
    return new Registration(kind, name.getName().toString());
  }

  /**
   * The qualified name of the feature's nested class that {@code registration} creates, or null
   * when the simple name might mean another class.
   *
   * @param localClasses simple names of the classes declared anywhere in the method
   */
  String createdClass(Registration registration, Set<String> localClasses) {
    String name = registration.created();
    return localClasses.contains(name) || typeParameters.contains(name) ? null : members.get(name);
  }
}
