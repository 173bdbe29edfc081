package dev.yoi.feature.testing;

import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Directories holding a {@code META-INF/yoi/features.jsonl}, and class loaders over them. */
public final class Indexes {
  private Indexes() {}

  /** A directory {@code root/name} whose index holds {@code lines}. */
  public static Path dir(Path root, String name, IndexLine... lines) {
    return dirWithText(root, name, IndexFile.write(List.of(lines)));
  }

  /** A directory {@code root/name} whose index is exactly {@code text}. */
  public static Path dirWithText(Path root, String name, String text) {
    try {
      Path dir = root.resolve(name);
      Path index = dir.resolve(IndexLine.INDEX_PATH);
      Files.createDirectories(index.getParent());
      Files.writeString(index, text, StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loader over {@code dirs} whose parent is {@code parent}. */
  public static URLClassLoader loader(ClassLoader parent, Path... dirs) {
    return new URLClassLoader(urls(dirs), parent);
  }

  /** A loader over {@code dirs} delegating to the test's own loader (which sees the runtime). */
  public static URLClassLoader loader(Path... dirs) {
    return loader(Indexes.class.getClassLoader(), dirs);
  }

  public static URL[] urls(Path... dirs) {
    List<URL> urls = new ArrayList<>();
    for (Path dir : dirs) {
      try {
        urls.add(dir.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return urls.toArray(URL[]::new);
  }
}
