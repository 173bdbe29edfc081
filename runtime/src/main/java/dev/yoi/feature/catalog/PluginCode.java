package dev.yoi.feature.catalog;

import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The code behind a feature: the jar or class directory that holds its index, and the SHA-256 an
 * approval can pin it by. An approval pins the declarations (the descriptor digest); pinning the
 * code as well is the host's choice ({@code Pod.builder().pinCode(true)}).
 *
 * <ul>
 *   <li>a jar: SHA-256 of the file's bytes, what {@code sha256sum weather.jar} prints;
 *   <li>a class directory: SHA-256 over every regular file under it, sorted by relative path
 *       ({@code /}-separated), each as its path, a line feed, its size in decimal, a line feed,
 *       then its bytes.
 * </ul>
 */
public final class PluginCode {
  private PluginCode() {}

  /**
   * The jar or class directory of an index location such as
   * {@code jar:file:/p/weather.jar!/META-INF/yoi/features.jsonl} or
   * {@code file:/p/classes/META-INF/yoi/features.jsonl}; empty for any other kind of location
   * (an in-memory loader, a remote URL), whose code cannot be pinned.
   */
  public static Optional<Path> root(String indexLocation) {
    try {
      if (indexLocation.startsWith("jar:file:") && indexLocation.contains("!/")) {
        return Optional.of(Path.of(URI.create(indexLocation.substring("jar:".length(), indexLocation.indexOf("!/")))));
      }
      String suffix = "/" + IndexLine.INDEX_PATH;
      if (indexLocation.startsWith("file:") && indexLocation.endsWith(suffix)) {
        return Optional.of(Path.of(URI.create(indexLocation.substring(0, indexLocation.length() - suffix.length() + 1))));
      }
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // Not a file URL after all: nothing to pin.
    }
    return Optional.empty();
  }

  /** {@code sha256:<hex>} of a jar, or of a class directory (see the class comment). */
  public static String digest(Path root) throws IOException {
    MessageDigest sha256 = sha256();
    if (Files.isDirectory(root)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile)
            .sorted((a, b) -> relative(root, a).compareTo(relative(root, b)))
            .toList();
      }
      for (Path file : files) {
        sha256.update((relative(root, file) + "\n" + Files.size(file) + "\n").getBytes(StandardCharsets.UTF_8));
        update(sha256, file);
      }
    } else {
      update(sha256, root);
    }
    return Digests.PREFIX + HexFormat.of().formatHex(sha256.digest());
  }

  private static void update(MessageDigest sha256, Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
