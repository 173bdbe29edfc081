package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.GeneratedFeature;
import dev.yoi.feature.runtime.FeatureRefusedException;
import dev.yoi.feature.runtime.RuntimeFeature;
import dev.yoi.feature.runtime.RuntimeInstaller;
import java.util.Set;

/**
 * The installer of {@code builtin} and {@code jvm_plugin} features: constructs the feature from the
 * class its index line names (see {@link FeatureClasses}) and runs its {@code install} against its
 * context. A host that asks for it ({@code Pod.builder().checkDescriptorClasses(true)}) has the
 * generated descriptor class loaded first, its digests checked against the line, and the feature
 * constructed by it (see {@link DescriptorClasses}): one more class loaded and hashed per feature.
 * Whatever the feature's {@code install} throws leaves here as a {@link FeatureThrew}, so the
 * transaction never takes it for this installer's own refusal.
 */
final class JvmInstaller implements RuntimeInstaller {
  /** The kinds it installs: features whose classes the index names. */
  static final Set<RuntimeKind> KINDS = Set.of(RuntimeKind.BUILTIN, RuntimeKind.JVM_PLUGIN);

  private final boolean checkDescriptorClasses;

  JvmInstaller(boolean checkDescriptorClasses) {
    this.checkDescriptorClasses = checkDescriptorClasses;
  }

  @Override
  public Set<RuntimeKind> kinds() {
    return KINDS;
  }

  @Override
  public void install(RuntimeFeature feature) throws Exception {
    FeatureModule module = checkDescriptorClasses
        ? fromDescriptorClass(feature) : FeatureClasses.construct(feature.entry());
    try {
      module.install(feature.context());
    } catch (Throwable t) {
      throw new FeatureThrew(t); // the feature's throw, even a FeatureRefusedException it made itself
    }
  }

  private static FeatureModule fromDescriptorClass(RuntimeFeature feature) throws FeatureRefusedException {
    String id = feature.entry().id();
    GeneratedFeature generated = DescriptorClasses.load(feature.entry());
    FeatureModule module;
    try {
      module = generated.create();
    } catch (Throwable e) {
      // As for install: a feature's own failure, even a StackOverflowError, fails only the feature.
      FeatureTransaction.rethrowIfFatal(e);
      throw new FeatureRefusedException(DiagnosticCode.INSTALL_FAILED, "feature " + id
          + " could not be constructed: " + FeatureTransaction.describe(e) + ". It is not installed."
          + " Check the feature class's constructor and field initialisers.");
    }
    if (module == null) {
      throw new FeatureRefusedException(DiagnosticCode.INSTALL_FAILED, "feature " + id + ": its"
          + " descriptor class " + feature.entry().line().descriptorClass() + " created no feature"
          + " (null). Rebuild the module.");
    }
    return module;
  }
}
