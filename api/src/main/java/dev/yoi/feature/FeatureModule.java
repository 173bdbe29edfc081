package dev.yoi.feature;

/**
 * A feature's entry point. Annotate the implementing class with
 * {@link dev.yoi.feature.annotation.Feature}; the host constructs it through the generated
 * descriptor class (no reflection on your class) and calls {@link #install} once.
 *
 * <p>Installation is transactional: registrations are checked against the compiled declarations
 * and staged; they reach the Pod only if {@code install} returns normally.
 */
@FunctionalInterface
public interface FeatureModule {
  void install(InstallContext context) throws Exception;
}
