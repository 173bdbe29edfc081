package dev.yoi.feature;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where the host loaded a feature from. The host decides it by class loader, never the feature, so
 * a plugin cannot make itself builtin. A feature's full id is {@code source:slug}.
 */
public enum FeatureSource {
  /** The host's own class loader: enabled unless the manifest disables it; gets what it requests. */
  BUILTIN,
  /** A user plugin: enabled only by the manifest, granted only what the approval lock records. */
  USER,
  /** A project plugin: enabled only by the manifest, granted only what the approval lock records. */
  PROJECT;

  /** The id prefix: {@code builtin}, {@code user} or {@code project}; also the JSON form. */
  @JsonValue
  public String prefix() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code prefix() + ":" + slug}. */
  public String qualify(String slug) {
    return prefix() + ":" + slug;
  }

  /** The source whose {@link #prefix()} is {@code prefix}; the JSON reading of a source. */
  @JsonCreator
  public static FeatureSource ofPrefix(String prefix) {
    for (FeatureSource source : values()) {
      if (source.prefix().equals(prefix)) {
        return source;
      }
    }
    throw new IllegalArgumentException(
        "\"" + prefix + "\" is not a feature source (builtin, user or project)");
  }

  /** The source named by a qualified id's prefix. */
  public static FeatureSource ofQualifiedId(String qualifiedId) {
    int colon = qualifiedId.indexOf(':');
    if (colon > 0) {
      String prefix = qualifiedId.substring(0, colon);
      for (FeatureSource source : values()) {
        if (source.prefix().equals(prefix)) {
          return source;
        }
      }
    }
    throw new IllegalArgumentException(
        "\"" + qualifiedId + "\" is not a qualified id (builtin:, user: or project: followed by a slug)");
  }
}
