package dev.yoi.descriptor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

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

  /** {@link Names#checkVersion}, remembered per value. */
  public Optional<String> version(String what, String value) {
    return remembered(versions, what, value, Names::checkVersion);
  }

  /** {@link Names#checkVersionRange}, remembered per value. */
  public Optional<String> range(String what, String value) {
    return remembered(ranges, what, value, Names::checkVersionRange);
  }

  /** {@code check}'s verdict on {@code value}, computed once; a bad value's message names {@code what}. */
  private static Optional<String> remembered(Map<String, Boolean> verdicts, String what, String value,
      BiFunction<String, String, Optional<String>> check) {
    Boolean valid = verdicts.get(value);
    if (valid == null) {
      Optional<String> problem = check.apply(what, value);
      verdicts.put(value, problem.isEmpty());
      return problem;
    }
    return valid ? Optional.empty() : check.apply(what, value);
  }
}
