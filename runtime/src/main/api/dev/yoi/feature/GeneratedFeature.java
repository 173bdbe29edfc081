package dev.yoi.feature;

import dev.yoi.descriptor.FeatureDescriptor;

/**
 * Implemented by the processor's generated {@code X_FeatureDescriptor} classes: the descriptor as
 * code, its digest, and a factory that constructs the feature with {@code new}. The runtime loads
 * only this class, and only when it installs the feature.
 *
 * <p>The contract between the processor and the runtime: for a feature {@code p.Foo} (nested:
 * {@code p.Outer.Inner} gives {@code p.Outer_Inner_FeatureDescriptor}) the processor generates
 *
 * <pre>{@code
 * public final class Foo_FeatureDescriptor implements GeneratedFeature {
 *   public static final String SLUG = "foo";
 *   public static final String DIGEST = "sha256:...";
 *   public static final FeatureDescriptor DESCRIPTOR = ...;   // the descriptor as code
 *   // typed name constants for the feature's contributions
 *   public Foo_FeatureDescriptor() {}
 *   public FeatureDescriptor descriptor() { return DESCRIPTOR; }
 *   public String digest() { return DIGEST; }
 *   public FeatureModule create() { return new Foo(); }
 * }
 * }</pre>
 *
 * The index line's {@code descriptorClass} names it; the runtime constructs it through its public
 * no-argument constructor and checks that {@link #digest()}, the index line's digest and a
 * recomputation over {@link #descriptor()} agree before calling {@link #create()}.
 */
public interface GeneratedFeature {
  /** The descriptor compiled into the class. */
  FeatureDescriptor descriptor();

  /** The {@code DIGEST} constant. */
  String digest();

  /** A new instance of the feature class. */
  FeatureModule create();
}
