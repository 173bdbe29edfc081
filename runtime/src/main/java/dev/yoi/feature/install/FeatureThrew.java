package dev.yoi.feature.install;

/**
 * What a JVM feature's own {@code install} threw, as {@link JvmInstaller} hands it on: the mark
 * that the throw came from the feature's code, not the installer's. The refusal type an installer
 * throws is public (other modules write installers), so a plugin can construct one; carried in
 * this package-private wrapper it is the feature's throw like any other, and only a refusal the
 * host's own code raised reaches the report as a refusal.
 */
final class FeatureThrew extends Exception {
  FeatureThrew(Throwable thrown) {
    super(null, thrown, false, false); // a mark, not a failure of its own: no stack, no message
  }

  /** What the feature threw. */
  Throwable thrown() {
    return getCause();
  }
}
