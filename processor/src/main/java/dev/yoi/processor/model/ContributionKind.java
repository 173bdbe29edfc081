package dev.yoi.processor.model;

import dev.yoi.feature.annotation.BackgroundTaskContribution;
import dev.yoi.feature.annotation.HookContribution;
import dev.yoi.feature.annotation.ProvidesService;
import dev.yoi.feature.annotation.ToolContribution;
import java.lang.annotation.Annotation;

/** The four kinds of contribution class, each with its annotation. */
public enum ContributionKind {
  TOOL("tool", ToolContribution.class),
  HOOK("hook", HookContribution.class),
  TASK("background task", BackgroundTaskContribution.class),
  SERVICE("service", ProvidesService.class);

  private final String noun;
  private final Class<? extends Annotation> annotation;

  ContributionKind(String noun, Class<? extends Annotation> annotation) {
    this.noun = noun;
    this.annotation = annotation;
  }

  /** How messages name it: {@code tool}, {@code hook}, ... */
  public String noun() {
    return noun;
  }

  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  /** {@code @ToolContribution}, as messages show it. */
  public String annotationLabel() {
    return "@" + annotation.getSimpleName();
  }
}
