package dev.yoi.pod;

import dev.yoi.descriptor.HookPoint;
import java.util.Objects;

/**
 * A hook as the Pod lists it ({@link Pod#hooks(HookPoint)}).
 *
 * @param featureId the contributing feature, e.g. {@code builtin:manifest-permissions}
 * @param name the hook's declared name
 * @param point where it runs
 * @param order its declared order (lower runs first)
 */
public record InstalledHook(String featureId, String name, HookPoint point, int order) {
  public InstalledHook {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(point, "point");
  }
}
