package dev.yoi.descriptor;

import java.util.Objects;

/**
 * One problem, typed: its code and the sentence saying what is wrong, without the tag. The tag is
 * added in one place, {@link DiagnosticCode#format}, so no caller has to guess whether a message
 * already carries one.
 *
 * @param code what kind of problem
 * @param detail what is wrong and what to change, untagged
 */
public record Problem(DiagnosticCode code, String detail) {
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  /** The message a person reads: {@code [yoi/<code>] <detail>}. */
  public String message() {
    return code.format(detail);
  }

  /** The same problem with {@code prefix} before its detail, e.g. the feature and element it is on. */
  public Problem prefixed(String prefix) {
    return new Problem(code, prefix + detail);
  }

  /** The same problem with {@code suffix} after its detail, e.g. what to change. */
  public Problem suffixed(String suffix) {
    return new Problem(code, detail + suffix);
  }
}
