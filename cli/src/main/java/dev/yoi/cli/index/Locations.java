package dev.yoi.cli.index;

import dev.yoi.descriptor.IndexLine;
import java.net.URI;
import java.nio.file.Path;

/** Index locations as a person reads them: the jar or directory, not the URL inside it. */
public final class Locations {
  private Locations() {}

  /**
   * {@code jar:file:/p/weather.jar!/META-INF/yoi/features.jsonl} becomes {@code /p/weather.jar};
   * {@code file:/p/classes/META-INF/yoi/features.jsonl} becomes {@code /p/classes}; anything else
   * is returned as it is.
   */
  public static String display(String location) {
    try {
      String url = location;
      if (url.startsWith("jar:") && url.contains("!/")) {
        return Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/")))).toString();
      }
      if (url.startsWith("file:") && url.endsWith("/" + IndexLine.INDEX_PATH)) {
        return Path.of(URI.create(url.substring(0, url.length() - IndexLine.INDEX_PATH.length()))).toString();
      }
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // Not a file URL: show it whole.
    }
    return location;
  }
}
