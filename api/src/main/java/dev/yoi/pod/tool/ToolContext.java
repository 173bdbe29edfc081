package dev.yoi.pod.tool;

import dev.yoi.pod.notify.Alerts;

/** What a tool sees of the call it serves. */
public interface ToolContext {
  /** The id the history records this call under. */
  String callId();

  /** The tool's model-visible name. */
  String toolName();

  /** The full id of the feature that contributed the tool. */
  String featureId();

  /** Transient, human-facing messages. */
  Alerts alerts();
}
