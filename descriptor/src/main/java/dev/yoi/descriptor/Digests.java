package dev.yoi.descriptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code sha256:} + lowercase hex of SHA-256 over the canonical descriptor JSON (UTF-8). */
public final class Digests {
  public static final String PREFIX = "sha256:";

  private Digests() {}

  public static String of(FeatureDescriptor descriptor) {
    return new Hasher().of(descriptor);
  }

  /** The digest of text that is already canonical JSON. */
  public static String ofCanonicalJson(String canonicalJson) {
    byte[] utf8 = canonicalJson.getBytes(StandardCharsets.UTF_8);
    return new Hasher().ofCanonicalText(utf8, 0, utf8.length);
  }

  /** A short form for tables: {@code sha256:1a2b3c4d5e6f}. */
  public static String abbreviate(String digest) {
    return digest.length() > PREFIX.length() + 12
        ? digest.substring(0, PREFIX.length() + 12)
        : digest;
  }

  /**
   * The digests of many descriptors in a row, the lines of one index: the SHA-256 implementation
   * is looked up once, not per line. Not thread-safe.
   */
  static final class Hasher {
    private final MessageDigest sha256;

    Hasher() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }

    /** The digest of {@code descriptor}, over the canonical text written from its records. */
    String of(FeatureDescriptor descriptor) {
      byte[] utf8 = CanonicalJson.write(descriptor).getBytes(StandardCharsets.UTF_8);
      return ofCanonicalText(utf8, 0, utf8.length);
    }

    /** The digest of canonical text already in UTF-8, {@code length} bytes from {@code offset}. */
    String ofCanonicalText(byte[] utf8, int offset, int length) {
      sha256.update(utf8, offset, length);
      return PREFIX + HexFormat.of().formatHex(sha256.digest());
    }
  }
}
