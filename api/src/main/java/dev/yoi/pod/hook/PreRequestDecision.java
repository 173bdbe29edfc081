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

  /**
   * Stop the turn. The model sees the Pod's own note naming the hook and its feature; it sees
   * {@code reason} only as the feature's own note, if the feature holds {@code MODEL_NOTIFICATION},
   * cut to one line of at most 200 characters. The host's diagnostics always get it.
   */
  record Abort(String reason) implements PreRequestDecision {
    public Abort {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
