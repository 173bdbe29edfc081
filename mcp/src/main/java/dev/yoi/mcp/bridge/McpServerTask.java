package dev.yoi.mcp.bridge;

import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.task.TaskContext;
import java.time.Duration;

/**
 * Keeps a bridged server running under the host's task supervisor. A run starts the server if it
 * is not running (a restart: its drift diagnostics are published again), then watches it until
 * the host cancels the task (the server is stopped, children and all) or the server exits (the
 * run fails, and the supervisor restarts it with its backoff).
 */
public final class McpServerTask implements BackgroundTask {
  /** How often a run looks at the process: the task context can wait on cancellation only. */
  private static final Duration WATCH = Duration.ofMillis(200);

  private final McpBridge bridge;

  McpServerTask(McpBridge bridge) {
    this.bridge = bridge;
  }

  @Override
  public void run(TaskContext context) throws Exception {
    try {
      if (!bridge.running()) {
        bridge.reconnect();
      }
      while (!context.isCancelled()) {
        if (!bridge.running()) {
          throw new McpBridgeException(bridge.exitMessage());
        }
        if (context.awaitCancellation(WATCH)) {
          break;
        }
      }
    } finally {
      if (context.isCancelled()) {
        bridge.stop();
      }
    }
  }
}
