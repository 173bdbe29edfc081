package dev.yoi.processor.check;

import dev.yoi.processor.model.FeatureModel;

/**
 * One family of build-time checks over one feature and its contributions. Reports through the
 * {@link dev.yoi.processor.Reporter}; the processor generates a feature only if no check failed.
 */
public interface FeatureValidator {
  void validate(FeatureModel feature);
}
