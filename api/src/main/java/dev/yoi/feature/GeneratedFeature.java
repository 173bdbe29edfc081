package dev.yoi.feature;

/**
 * Implemented by the processor's generated {@code X_FeatureDescriptor} classes: the descriptor as
 * its canonical JSON text, its digest, and a factory that constructs the feature with {@code new}.
 * The runtime loads only this class, and only when it installs the feature.
 *
 * <p>The contract between the processor and the runtime: for a feature {@code p.Foo} (nested:
 * {@code p.Outer.Inner} gives {@code p.Outer_Inner_FeatureDescriptor}) the processor generates the
 * class file of
 *
 * <pre>{@code
 * public final class Foo_FeatureDescriptor implements GeneratedFeature {
 *   public static final String SLUG = "foo";
 *   public static final String DIGEST = "sha256:...";
 *   public static final String DESCRIPTOR_JSON = "{...}";   // the canonical JSON DIGEST is over
 *   // typed name constants for the feature's contributions
 *   public Foo_FeatureDescriptor() {}
 *   public String descriptorJson() { return DESCRIPTOR_JSON; }
 *   public String digest() { return DIGEST; }
 *   public FeatureModule create() { return new Foo(); }
 * }
 * }</pre>
 *
 * The descriptor is text, not code, because text is what the digest is over. The class is written
 * as a class file, not a source, and as a resource to javac, so javac neither compiles one more
 * class per feature nor runs another processing round: the module's own sources cannot refer to it
 * in the compilation that generates it (its tests and later compilations can). The index line's
 * {@code descriptorClass} names the class; the runtime
 * constructs it through its public no-argument constructor and checks that {@link #digest()}, the
 * index line's digest and a SHA-256 recomputed over {@link #descriptorJson()} agree before calling
 * {@link #create()}.
 */
public interface GeneratedFeature {
  /** The {@code DESCRIPTOR_JSON} constant: the canonical JSON text of the descriptor. */
  String descriptorJson();

  /** The {@code DIGEST} constant. */
  String digest();

  /** A new instance of the feature class. */
  FeatureModule create();
}
