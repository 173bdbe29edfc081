package dev.yoi.builtins;

import dev.yoi.feature.FeatureSource;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import java.nio.file.Path;

/** Real Pods over the builtins as compiled by the real processor (this module's own index). */
public final class Pods {
  private Pods() {}

  /** A Pod builder with the builtins, loaded the way a host loads its own features. */
  public static Pod.Builder builtins() {
    return Pod.builder().features(Pods.class.getClassLoader(), FeatureSource.BUILTIN);
  }

  /** A manifest from JSON text, e.g. {@code {"tools": {"deny": ["Memory*"]}}}. */
  public static PodManifest manifest(String json) {
    return PodManifest.parse(json, "test manifest", Path.of("."));
  }
}
