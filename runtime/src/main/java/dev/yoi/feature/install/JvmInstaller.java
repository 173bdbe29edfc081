package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.GeneratedFeature;
import dev.yoi.feature.runtime.FeatureRefusedException;
import dev.yoi.feature.runtime.RuntimeFeature;
import dev.yoi.feature.runtime.RuntimeInstaller;
import java.util.EnumSet;
import java.util.Set;

/**
 * The installer of {@code builtin} and {@code jvm_plugin} features: loads the generated descriptor
 * class through the feature's own class loader (digests checked, see {@link DescriptorClasses}),
 * constructs the feature with it, and runs the feature's {@code install} against its context.
 */
final class JvmInstaller implements RuntimeInstaller {
  @Override
  public Set<RuntimeKind> kinds() {
    return EnumSet.of(RuntimeKind.BUILTIN, RuntimeKind.JVM_PLUGIN);
  }

  @Override
  public void install(RuntimeFeature feature) throws Exception {
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
    module.install(feature.context());
  }
}
