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
    return ofCanonicalJson(CanonicalJson.write(descriptor));
  }

  /** The digest of text that is already canonical JSON. */
  public static String ofCanonicalJson(String canonicalJson) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha256.digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** A short form for tables: {@code sha256:1a2b3c4d5e6f}. */
  public static String abbreviate(String digest) {
    return digest.length() > PREFIX.length() + 12
        ? digest.substring(0, PREFIX.length() + 12)
        : digest;
  }
}
