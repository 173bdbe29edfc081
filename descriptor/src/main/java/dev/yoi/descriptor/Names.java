package dev.yoi.descriptor;

import static dev.yoi.descriptor.ControlCharacters.quote;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.range.Range;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * Validation of the names and versions descriptors carry. Each check returns empty when the value
 * is fine, or a sentence saying what is wrong, for the processor and the runtime to put after
 * their code tag.
 */
public final class Names {
  public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  public static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  public static final Pattern QUALIFIED_ID =
      Pattern.compile("(builtin|user|project):[a-z0-9][a-z0-9-]{0,62}");

  private static final String NUMBER_OR_X = "(?:0|[1-9][0-9]*|[xX*])";
  private static final String IDENTIFIER = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
  /** A version whose parts may be x or left out: {@code 1}, {@code 1.2}, {@code 1.x}, {@code 1.2.3-rc.1+b.7}. */
  private static final String PARTIAL = NUMBER_OR_X + "(?:\\." + NUMBER_OR_X + "(?:\\." + NUMBER_OR_X
      + "(?:-" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?";
  private static final Pattern COMPARATOR = Pattern.compile("(?:[<>]=?|=|~|\\^)?" + PARTIAL);
  private static final Pattern HYPHEN_RANGE = Pattern.compile(PARTIAL + "\\s+-\\s+" + PARTIAL);
  /** An operator followed by spaces, as in {@code ">= 1.0"}: the spaces are dropped before splitting. */
  private static final Pattern OPERATOR_SPACE = Pattern.compile("([<>]=?|=|~|\\^)\\s+");

  private Names() {}

  public static Optional<String> checkSlug(String what, String value) {
    if (SLUG.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(what + " " + quote(value) + " is not a slug: use 1 to 63 lowercase letters,"
        + " digits and '-', starting with a letter or digit (e.g. \"task-tools\")");
  }

  public static Optional<String> checkQualifiedId(String what, String value) {
    if (QUALIFIED_ID.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(what + " " + quote(value) + " is not a qualified id: use source:slug,"
        + " where source is builtin, user or project (e.g. \"builtin:task-store\")");
  }

  public static Optional<String> checkToolName(String what, String value) {
    if (TOOL_NAME.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(what + " " + quote(value) + " is not accepted by model APIs: use 1 to 64"
        + " letters, digits, '_' or '-' (^[A-Za-z0-9_-]{1,64}$)");
  }

  /**
   * SemVer 2.0 exactly as written: semver4j alone also accepts {@code "v1.0.0"} and surrounding
   * spaces, which it normalises away, so the text must be what it parses to.
   */
  public static Optional<String> checkVersion(String what, String value) {
    Semver parsed = value.isEmpty() ? null : Semver.parse(value);
    if (parsed != null && parsed.getVersion().equals(value)) {
      return Optional.empty();
    }
    return Optional.of(what + " " + quote(value) + " is not a SemVer 2.0 version"
        + " (MAJOR.MINOR.PATCH, e.g. \"1.0.0\")");
  }

  /**
   * A range in the npm grammar, every token of it (semver4j skips tokens it cannot read, so
   * {@code ">=1.0 <2.0 garbage"} and {@code "^1.2 || banana"} would mean {@code >=1.0 <2.0} and
   * {@code ^1.2}, and {@code "latest"} anything), that some version satisfies ({@code "x"} and
   * {@code "1.0 - x"} parse, to ranges nothing is in). Alternatives are separated by {@code ||};
   * each is a hyphen range {@code A - B} or comparators separated by spaces: an optional
   * {@code <}, {@code <=}, {@code >}, {@code >=}, {@code =}, {@code ~} or {@code ^} and a version
   * whose parts may be {@code x}, {@code X} or {@code *} or left out ({@code 1.x}, {@code 1.2}).
   */
  public static Optional<String> checkVersionRange(String what, String value) {
    String notARange = what + " " + quote(value) + " is not a version range"
        + " (e.g. \"^1.2\", \">=1.0 <2.0\", \"1.x\")";
    if (value.isBlank()) {
      return Optional.of(notARange);
    }
    for (String alternative : value.split("\\|\\|", -1)) {
      Optional<String> unreadable = unreadableToken(alternative);
      if (unreadable.isPresent()) {
        return Optional.of(what + " " + quote(value) + " is not a version range: " + unreadable.get());
      }
    }
    RangeList ranges;
    try {
      ranges = RangeListFactory.create(value);
    } catch (RuntimeException e) {
      return Optional.of(notARange);
    }
    if (ranges.get().isEmpty()) {
      return Optional.of(notARange);
    }
    for (List<Range> all : ranges.get()) {
      if (!satisfiable(all)) {
        return Optional.of(what + " " + quote(value) + " matches no version (it reads as " + ranges
            + "); write a range some version is in (e.g. \"^1.2\", \">=1.0 <2.0\", \"1.x\")");
      }
    }
    return Optional.empty();
  }

  /** What in one {@code ||} alternative is not part of the range grammar, if anything. */
  private static Optional<String> unreadableToken(String alternative) {
    String part = alternative.strip();
    if (part.isEmpty()) {
      return Optional.of("an alternative around \"||\" is empty (e.g. \"^1.2 || ^2.0\")");
    }
    if (HYPHEN_RANGE.matcher(part).matches()) {
      return Optional.empty();
    }
    for (String token : OPERATOR_SPACE.matcher(part).replaceAll("$1").split("\\s+")) {
      if (!COMPARATOR.matcher(token).matches()) {
        return Optional.of(quote(token) + " is not a comparator (write an optional <, <=, >, >=, =,"
            + " ~ or ^ and a version such as 1.2.3, 1.2 or 1.x, e.g. \"^1.2\" or \">=1.0 <2.0\"; a hyphen"
            + " range is \"1.0.0 - 2.0.0\")");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether some version meets every comparator: the least version that can, if any, is 0.0.0, a
   * bound's own version, or the next patch after it.
   */
  private static boolean satisfiable(List<Range> all) {
    List<Semver> candidates = new ArrayList<>();
    candidates.add(Semver.ZERO);
    for (Range range : all) {
      candidates.add(range.getRangeVersion());
      candidates.add(range.getRangeVersion().nextPatch());
    }
    for (Semver candidate : candidates) {
      if (all.stream().allMatch(range -> range.isSatisfiedBy(candidate))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code version} lies in {@code range}; both already validated. */
  public static boolean satisfies(String version, String range) {
    Semver parsed = Semver.parse(version);
    return parsed != null && parsed.satisfies(range);
  }

  public static Optional<String> checkDuration(String what, String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      Duration duration = Duration.parse(value);
      if (!duration.isNegative() && !duration.isZero()) {
        return Optional.empty();
      }
      return Optional.of(what + " " + quote(value) + " must be a positive duration");
    } catch (DateTimeParseException e) {
      return Optional.of(what + " " + quote(value) + " is not an ISO-8601 duration"
          + " (e.g. \"PT30S\", \"PT5M\", \"PT1H\"; empty runs the task once)");
    }
  }
}
