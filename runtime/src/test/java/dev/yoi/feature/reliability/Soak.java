package dev.yoi.feature.reliability;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The reliability tests' two sizes: the CI counts, always run, and the soak counts, run only with
 * {@code -Dyoi.soak=true} (surefire passes it on; see docs/reliability.md).
 */
public final class Soak {
  /** The system property that turns the soak counts on. */
  public static final String PROPERTY = "yoi.soak";

  private Soak() {}

  public static boolean enabled() {
    return Boolean.parseBoolean(System.getProperty(PROPERTY, "false"));
  }

  /** {@code ci} normally, {@code soak} with {@code -Dyoi.soak=true}. */
  public static int count(int ci, int soak) {
    return enabled() ? soak : ci;
  }

  /** Skips a jqwik property unless soaking: {@code @AddLifecycleHook(Soak.Only.class)}. */
  public static final class Only implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return enabled() ? SkipResult.doNotSkip() : SkipResult.skip("soak only: run with -D" + PROPERTY + "=true");
    }
  }
}
