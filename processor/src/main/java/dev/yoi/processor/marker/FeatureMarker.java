package dev.yoi.processor.marker;

import java.util.List;

/**
 * What a feature compiled elsewhere left on the classpath for later compilations to check
 * duplicates against: a small generated class in {@link #PACKAGE} whose compile-time constants name
 * the feature, its tools and its services. (Hilt's way: a package listing works across any number
 * of jars, where {@code Filer.getResource} sees only one index.)
 *
 * @param module the {@code yoi.module} of the compilation that produced it
 * @param tools tool name and tool class, sorted by name
 * @param services service id and provider class, sorted by id
 */
public record FeatureMarker(
    String slug, String featureClass, String module, List<Entry> tools, List<Entry> services) {

  /** The one package every marker class is generated into. */
  public static final String PACKAGE = "dev.yoi.markers";
  /** Bumped if the constants change shape; markers of another format are ignored. */
  public static final int FORMAT = 1;

  public FeatureMarker {
    tools = List.copyOf(tools);
    services = List.copyOf(services);
  }

  /** A contribution's name and its class's binary name. */
  public record Entry(String name, String className) {}

  /**
   * The marker class's simple name: the feature's binary name, escaped so that distinct names never
   * collide ({@code _} becomes {@code _1}, {@code $} becomes {@code _2}, {@code .} becomes {@code _}).
   */
  public static String simpleName(String featureBinaryName) {
    StringBuilder out = new StringBuilder("Feature_");
    for (char c : featureBinaryName.toCharArray()) {
      switch (c) {
        case '_' -> out.append("_1");
        case '$' -> out.append("_2");
        case '.' -> out.append('_');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Entries as one constant string: one {@code name className} per line. */
  static String join(List<Entry> entries) {
    StringBuilder out = new StringBuilder();
    for (Entry e : entries) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(e.name()).append(' ').append(e.className());
    }
    return out.toString();
  }
}
