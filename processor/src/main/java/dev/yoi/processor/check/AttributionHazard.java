package dev.yoi.processor.check;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Whether having javac attribute a class during annotation processing would break its build.
 * {@code Trees.getElement} attributes the whole top-level class on demand, and that attribution
 * prepends an implicit {@code super()} to each record constructor; javac's clean-up before its
 * own attribution removes such calls from enum constructors but not from record ones, so javac
 * then rejects a valid compact or canonical constructor as containing an explicit constructor
 * invocation (JDK-8387215, seen on JDK 17 to 26).
 */
final class AttributionHazard {
  private AttributionHazard() {}

  /** Whether {@code type}'s top-level class declares a record, at any depth. */
  static boolean inTopLevelOf(TypeElement type, Trees trees) {
    Element outermost = type;
    while (outermost.getEnclosingElement() instanceof TypeElement enclosing) {
      outermost = enclosing;
    }
    Tree tree = trees.getTree(outermost);
    if (tree == null) {
      return true; // nothing to look at: do not risk it
    }
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean visitClass(ClassTree type, Void unused) {
        // Any record: by now javac has added its implicit constructor to the tree, and telling
        // that one from a written one is not worth the risk of getting it wrong.
        return type.getKind() == Tree.Kind.RECORD || Boolean.TRUE.equals(super.visitClass(type, unused));
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }
}
