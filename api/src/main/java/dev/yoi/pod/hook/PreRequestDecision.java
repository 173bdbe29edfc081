package dev.yoi.pod.hook;

import java.util.Objects;

/** What a pre-request hook decides: proceed, or abort the turn with a reason. */
public sealed interface PreRequestDecision {
  static PreRequestDecision proceed() {
    return Proceed.INSTANCE;
  }

  static PreRequestDecision abort(String reason) {
    return new Abort(reason);
  }

  /** Let the request go to the model. */
  enum Proceed implements PreRequestDecision {
    INSTANCE
  }

  /** Stop the turn; {@code reason} is recorded. */
  record Abort(String reason) implements PreRequestDecision {
    public Abort {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
