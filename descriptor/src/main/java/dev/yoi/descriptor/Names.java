package dev.yoi.descriptor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.Semver;
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

  private Names() {}

  public static Optional<String> checkSlug(String what, String value) {
    if (SLUG.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(what + " \"" + value + "\" is not a slug: use 1 to 63 lowercase letters,"
        + " digits and '-', starting with a letter or digit (e.g. \"task-tools\")");
  }

  public static Optional<String> checkQualifiedId(String what, String value) {
    if (QUALIFIED_ID.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(what + " \"" + value + "\" is not a qualified id: use source:slug,"
        + " where source is builtin, user or project (e.g. \"builtin:task-store\")");
  }

  public static Optional<String> checkToolName(String what, String value) {
    if (TOOL_NAME.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(what + " \"" + value + "\" is not accepted by model APIs: use 1 to 64"
        + " letters, digits, '_' or '-' (^[A-Za-z0-9_-]{1,64}$)");
  }

  public static Optional<String> checkVersion(String what, String value) {
    if (!value.isEmpty() && Semver.isValid(value)) {
      return Optional.empty();
    }
    return Optional.of(what + " \"" + value + "\" is not a SemVer 2.0 version"
        + " (MAJOR.MINOR.PATCH, e.g. \"1.0.0\")");
  }

  public static Optional<String> checkVersionRange(String what, String value) {
    if (!value.isBlank()) {
      try {
        if (!RangeListFactory.create(value).get().isEmpty()) {
          return Optional.empty();
        }
      } catch (RuntimeException e) {
        // fall through to the message below
      }
    }
    return Optional.of(what + " \"" + value + "\" is not a version range"
        + " (e.g. \"^1.2\", \">=1.0 <2.0\", \"1.x\")");
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
      return Optional.of(what + " \"" + value + "\" must be a positive duration");
    } catch (DateTimeParseException e) {
      return Optional.of(what + " \"" + value + "\" is not an ISO-8601 duration"
          + " (e.g. \"PT30S\", \"PT5M\", \"PT1H\"; empty runs the task once)");
    }
  }
}
