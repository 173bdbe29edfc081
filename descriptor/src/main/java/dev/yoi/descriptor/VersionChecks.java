package dev.yoi.descriptor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SemVer checks of one read of indexes, each distinct string checked once: an index of a
 * thousand features repeats a handful of versions and ranges, and semver4j's parsing (which
 * formats strings as it goes) was most of the cost of {@link DescriptorChecks}. Whether a string
 * is valid does not depend on where it appears, so only the verdict is kept; the message naming
 * the place is written again for each bad one. Not thread-safe: one per read.
 */
public final class VersionChecks {
  private final Map<String, Boolean> versions = new HashMap<>();
  private final Map<String, Boolean> ranges = new HashMap<>();

  /** {@link Names#checkVersion}, remembered per value; a bad value's message names {@code what}. */
  public Optional<String> version(String what, String value) {
    Boolean valid = versions.get(value);
    if (Boolean.TRUE.equals(valid)) {
      return Optional.empty();
    }
    Optional<String> problem = Names.checkVersion(what, value);
    versions.put(value, problem.isEmpty());
    return problem;
  }

  /** {@link Names#checkVersionRange}, remembered per value; a bad value's message names {@code what}. */
  public Optional<String> range(String what, String value) {
    Boolean valid = ranges.get(value);
    if (Boolean.TRUE.equals(valid)) {
      return Optional.empty();
    }
    Optional<String> problem = Names.checkVersionRange(what, value);
    ranges.put(value, problem.isEmpty());
    return problem;
  }
}
