package dev.yoi.feature.reliability;

import dev.yoi.descriptor.IndexLine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader with no classes and one {@code META-INF/yoi/features.jsonl} held in memory, so a
 * property can read thousands of indexes through the real catalog without touching the disk.
 */
final class MemoryIndex extends ClassLoader {
  static final String LOCATION = "memory:/" + IndexLine.INDEX_PATH;

  private final URL url;

  MemoryIndex(byte[] bytes) {
    super(null);
    try {
      url = new URL(null, LOCATION, new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL u) {
          return new URLConnection(u) {
            @Override
            public void connect() {}

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(bytes);
            }
          };
        }
      });
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Enumeration<URL> getResources(String name) {
    return name.equals(IndexLine.INDEX_PATH) ? Collections.enumeration(List.of(url)) : Collections.emptyEnumeration();
  }
}
