package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.fault.Fault;
import dev.yoi.feature.runtime.FeatureRefusedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Constructs a feature from the class its index line names, through the public no-argument
 * constructor the processor proved it has: no generated descriptor class is loaded. The index line
 * is what the Pod trusts (its digest keys approvals; every registration is checked against its
 * descriptor); whether the classes come from the build that wrote it is what {@code yoi verify},
 * {@code yoi approve} and a host's {@code Pod.builder().checkDescriptorClasses(true)} check.
 */
final class FeatureClasses {
  private FeatureClasses() {}

  /**
   * @throws FeatureRefusedException {@code yoi/install-failed}: the class cannot be loaded, is not
   *     a feature, has no public no-argument constructor, or its constructor threw
   */
  static FeatureModule construct(CatalogEntry entry) throws FeatureRefusedException {
    String id = entry.id();
    String name = entry.descriptor().featureClass();
    String where = " (index line " + entry.where() + ")";
    Class<?> type;
    try {
      type = Class.forName(name, true, entry.loader().loader());
    } catch (ClassNotFoundException e) {
      throw failed(id, "its feature class " + name + " named by the index" + where
          + " is not on its class loader. The index and the classes come from different builds;"
          + " rebuild the module, and ship its classes with its index.");
    } catch (ExceptionInInitializerError e) {
      throw failed(id, "its feature class " + name + where + " failed to initialise: "
          + FeatureTransaction.describe(initialiserThrew(e))
          + ". Check the class's static fields and initialisers.");
    } catch (LinkageError e) {
      throw failed(id, "its feature class " + name + where + " could not be loaded: "
          + Fault.named(e) + ". Rebuild the module against this version of Yoi.");
    }
    if (!FeatureModule.class.isAssignableFrom(type)) {
      throw failed(id, "its feature class " + name + where + " does not implement "
          + FeatureModule.class.getName() + " as the host loads it"
          + (implementsByName(type) ? " (the plugin bundles its own copy of the Yoi api: leave"
              + " yoi-api out of the plugin jar; the host provides it)"
              : "; the index and the classes come from different builds. Rebuild the module."));
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw failed(id, "its feature class " + name + where + " has no public no-argument"
          + " constructor; the index and the classes come from different builds. Rebuild the module.");
    }
    try {
      return (FeatureModule) constructor.newInstance();
    } catch (InvocationTargetException e) {
      // As for install: a feature's own failure, even a StackOverflowError, fails only the feature.
      FeatureTransaction.rethrowIfFatal(e.getCause());
      throw new FeatureRefusedException(DiagnosticCode.INSTALL_FAILED, "feature " + id
          + " could not be constructed: " + FeatureTransaction.describe(e.getCause()) + ". It is not"
          + " installed. Check the feature class's constructor and field initialisers.");
    } catch (ReflectiveOperationException | LinkageError e) {
      throw failed(id, "its feature class " + name + where + " could not be constructed: "
          + Fault.named(e) + ".");
    }
  }

  /**
   * What a static initialiser threw: the cause the JVM's own wrapper holds, or the error itself
   * when the initialiser threw one of its own (whose {@code getCause} is its code, so not asked).
   */
  private static Throwable initialiserThrew(ExceptionInInitializerError e) {
    Throwable cause = e.getClass() == ExceptionInInitializerError.class ? e.getCause() : null;
    return cause == null ? e : cause;
  }

  private static boolean implementsByName(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals(FeatureModule.class.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static FeatureRefusedException failed(String id, String why) {
    return new FeatureRefusedException(DiagnosticCode.INSTALL_FAILED, "feature " + id + " is not installed: " + why);
  }
}
