package dev.yoi.feature;

import dev.yoi.descriptor.FeatureDescriptor;

/**
 * Implemented by the processor's generated {@code X_FeatureDescriptor} classes: the descriptor as
 * code, its digest, and a factory that constructs the feature with {@code new}. The runtime loads
 * only this class, and only when it installs the feature.
 */
public interface GeneratedFeature {
  /** The descriptor compiled into the class. */
  FeatureDescriptor descriptor();

  /** The {@code DIGEST} constant. */
  String digest();

  /** A new instance of the feature class. */
  FeatureModule create();
}
