package dev.yoi.descriptor;

import java.util.Objects;

/**
 * A declared hook.
 *
 * @param name unique within the feature
 * @param point where in the turn it runs (taken from the interface it implements)
 * @param order lower runs first
 * @param className binary name of the implementing class
 */
public record HookDescriptor(String name, HookPoint point, int order, String className) {
  public HookDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(className, "className");
  }
}
