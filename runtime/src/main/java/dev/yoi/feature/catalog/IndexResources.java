package dev.yoi.feature.catalog;

import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the indexes that belong to one class loader, not to its ancestors. */
final class IndexResources {
  private IndexResources() {}

  /**
   * Every {@code META-INF/yoi/features.jsonl} the loader sees, minus the ones its parent sees: a
   * child loader delegates to its parent, and the parent's features belong to the parent's source.
   * URLs are compared by their text ({@link URL#equals} may resolve host names).
   */
  static List<URL> own(ClassLoader loader) throws IOException {
    Map<String, URL> mine = new LinkedHashMap<>();
    for (URL url : Collections.list(loader.getResources(IndexLine.INDEX_PATH))) {
      mine.putIfAbsent(url.toExternalForm(), url);
    }
    ClassLoader parent = loader.getParent();
    if (parent != null && !mine.isEmpty()) {
      Set<String> inherited = new HashSet<>();
      for (URL url : Collections.list(parent.getResources(IndexLine.INDEX_PATH))) {
        inherited.add(url.toExternalForm());
      }
      mine.keySet().removeAll(inherited);
    }
    return new ArrayList<>(mine.values());
  }

  /** The bytes of one index; no cached jar handle is kept open (plugins may be replaced on disk). */
  static byte[] read(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    connection.setUseCaches(false);
    try (InputStream in = connection.getInputStream()) {
      return in.readAllBytes();
    }
  }
}
