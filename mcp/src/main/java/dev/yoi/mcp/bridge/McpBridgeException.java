package dev.yoi.mcp.bridge;

/**
 * A bridged server could not be started, initialized or listed, or it stopped. The message names
 * the feature and the server, says what happened (with the server's last stderr lines, escaped)
 * and what to change; the host turns it into {@code yoi/install-failed} at install and
 * {@code yoi/task-failed} (and a restart with backoff) later.
 */
public final class McpBridgeException extends Exception {
  private static final long serialVersionUID = 1L;

  public McpBridgeException(String message) {
    super(message);
  }

  public McpBridgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
