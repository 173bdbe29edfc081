package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.RegistrationRejectedException;
import dev.yoi.feature.report.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One feature's registration window, shared by its registrars: open while its installer runs;
 * every rejection recorded (so the feature fails even if the installer catches the exception) and
 * reported; what the installer asked to be closed with the feature. The registrars stage under
 * this object's lock.
 */
final class Staging {
  private final String featureId;
  private final FeatureSource source;
  private final FeatureDescriptor descriptor;
  private final FeatureReportBuilder report;
  private final List<Diagnostic> rejections = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private boolean open = true;

  Staging(String featureId, FeatureSource source, FeatureDescriptor descriptor, FeatureReportBuilder report) {
    this.featureId = featureId;
    this.source = source;
    this.descriptor = descriptor;
    this.report = report;
  }

  String featureId() {
    return featureId;
  }

  FeatureSource source() {
    return source;
  }

  /** What the feature declares: every registration is checked against it. */
  FeatureDescriptor descriptor() {
    return descriptor;
  }

  FeatureReportBuilder report() {
    return report;
  }

  /** @throws IllegalStateException once the installer has returned */
  synchronized void checkOpen(String what) {
    if (!open) {
      throw new IllegalStateException("feature " + featureId + " tried to register a " + what
          + " after its install returned; register everything inside install(context).");
    }
  }

  synchronized boolean isOpen() {
    return open;
  }

  /** Closes registration: the installer has returned. */
  synchronized void close() {
    open = false;
  }

  /** Records and reports a rejected registration; the caller throws what it returns. */
  synchronized RegistrationRejectedException reject(DiagnosticCode code, String message) {
    Diagnostic diagnostic = Diagnostics.error(code, featureId, message);
    rejections.add(diagnostic);
    report.add(diagnostic);
    return new RegistrationRejectedException(code.code(), diagnostic.message());
  }

  synchronized List<Diagnostic> rejections() {
    return List.copyOf(rejections);
  }

  synchronized void closeWith(AutoCloseable resource) {
    checkOpen("resource");
    resources.add(Objects.requireNonNull(resource, "resource"));
  }

  synchronized List<AutoCloseable> resources() {
    return List.copyOf(resources);
  }

  /*
   * A registrar finds the declaration of what is registered with a loop of its own, not through a
   * key function: each lambda or method reference is a class spun at the first start.
   */

  /** Rejects a null registration of a {@code kind}. */
  void requireInstance(Object instance, String kind, String annotation) {
    if (instance == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " registered a null "
          + kind + "; register an instance of a class declared with " + annotation + ".");
    }
  }

  /**
   * Rejects {@code instance}, whose class the feature does not declare as a {@code kind}; the
   * caller throws what it returns.
   *
   * @param declared each declaration of that kind, as the message lists it
   */
  RegistrationRejectedException undeclared(Object instance, String kind, String annotation, List<String> declared) {
    return reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, undeclared(kind, annotation, instance.getClass(), declared));
  }

  /** Rejects {@code name} if {@code staged} holds it already: each contribution registers once. */
  void once(Map<String, ?> staged, String kind, String name, Object instance, String fix) {
    if (staged.containsKey(name)) {
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "feature " + featureId + " registered " + kind
          + " \"" + name + "\" (" + instance.getClass().getName() + ") twice; " + fix + ".");
    }
  }

  private String undeclared(String kind, String annotation, Class<?> type, List<String> declared) {
    String what = type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")
        ? "a lambda (" + type.getName() + ")"
        : type.isAnonymousClass() ? "an anonymous class (" + type.getName() + ")" : type.getName();
    return "feature " + featureId + " registered " + what + " as a " + kind + ", but the feature declares no "
        + kind + " of that class. Declared: " + (declared.isEmpty() ? "none" : String.join(", ", declared))
        + ".\n  Every contribution must be a named class annotated " + annotation + " and owned by this"
        + " feature (a lambda or anonymous class cannot be declared). Move the code into such a class"
        + " and register an instance of it.";
  }

  /** {@code a.b.C$D} -> {@code D}. */
  static String simpleName(String className) {
    return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }
}
