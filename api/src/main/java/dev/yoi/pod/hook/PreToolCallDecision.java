package dev.yoi.pod.hook;

import java.util.Objects;

/** What a pre-tool-call hook decides: allow, or deny with a reason the model sees. */
public sealed interface PreToolCallDecision {
  static PreToolCallDecision allow() {
    return Allow.INSTANCE;
  }

  static PreToolCallDecision deny(String reason) {
    return new Deny(reason);
  }

  /** Let the call go on to the next hook and then the tool. */
  enum Allow implements PreToolCallDecision {
    INSTANCE
  }

  /** Refuse the call; the model gets an error result with {@code reason}. */
  record Deny(String reason) implements PreToolCallDecision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
