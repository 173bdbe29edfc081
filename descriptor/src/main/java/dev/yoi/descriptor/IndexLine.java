package dev.yoi.descriptor;

import java.util.Objects;

/**
 * One line of {@code META-INF/yoi/features.jsonl}: one feature.
 *
 * @param format the line format, {@link #FORMAT}
 * @param slug the feature slug (repeated from the descriptor for fast listing)
 * @param module the module that compiled it (the processor option {@code yoi.module})
 * @param descriptorClass binary name of the generated {@code X_FeatureDescriptor} class; empty for a
 *     feature with no code (a line of a feature file)
 * @param digest {@code sha256:..} over the canonical descriptor
 * @param descriptor the descriptor
 */
public record IndexLine(
    int format,
    String slug,
    String module,
    String descriptorClass,
    String digest,
    FeatureDescriptor descriptor) {

  /** The only index line format this version reads and writes. */
  public static final int FORMAT = 1;

  /** Where every module's index lives, in its jar or output directory. */
  public static final String INDEX_PATH = "META-INF/yoi/features.jsonl";

  /**
   * How a feature file beside the plugin jars ends, e.g. {@code plugins/project/everything.features.jsonl}:
   * an index of features that have no code (an {@code mcp_bridge} feature), with an empty
   * {@code descriptorClass}.
   */
  public static final String FEATURE_FILE_SUFFIX = ".features.jsonl";

  public IndexLine {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(descriptorClass, "descriptorClass");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(descriptor, "descriptor");
  }

  /** A current-format line for {@code descriptor}, with its digest computed. */
  public static IndexLine of(String module, String descriptorClass, FeatureDescriptor descriptor) {
    return new IndexLine(
        FORMAT, descriptor.slug(), module, descriptorClass, Digests.of(descriptor), descriptor);
  }
}
