package dev.yoi.mcp.bridge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Grants;
import dev.yoi.feature.Severity;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One bridged MCP server: starts it with the environment its grants allow, checks what it lists
 * against the pin, and answers each declared tool through {@code tools/call}. The host registers
 * {@link #tool(String)} for every declared tool, so the model sees the pinned definitions only;
 * the server's state decides whether a call reaches it.
 *
 * <pre>{@code
 * McpBridge bridge = new McpBridge(pinned, grants, secrets, BridgeSettings.defaults(), host::publish);
 * ToolCheck check = bridge.connect();          // start, initialize, tools/list, compare with the pin
 * check.diagnostics().forEach(report::add);    // drift, undeclared and missing tools
 * pinned.descriptor().tools().forEach(t -> register(t, bridge.tool(t.name())));
 * supervisor.start(bridge.supervisor());        // restarts a crashed server with backoff
 * ...
 * bridge.close();                               // the server and every process it started are gone
 * }</pre>
 *
 * <p>Calls never throw: a disabled or missing tool, a server that is not running, a protocol
 * error and a timeout are each an error result that says which.
 */
public final class McpBridge implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {};

  private final PinnedFeature feature;
  private final Grants grants;
  private final SecretValues secrets;
  private final BridgeSettings settings;
  private final Consumer<Diagnostic> diagnostics;
  private final StderrLog stderr;
  private final Map<String, Tool<JsonNode>> tools = new LinkedHashMap<>();
  /** The current run and what its last {@code tools/list} meant; guarded by {@code this}. */
  private State state = State.STOPPED;
  private List<String> notes = List.of();

  private record State(Session session, ToolCheck check) {
    static final State STOPPED = new State(null, null);
  }

  /**
   * @param diagnostics where the bridge publishes what happens after {@link #connect()} returns:
   *     drift seen on {@code notifications/tools/list_changed}, and the server's stderr as notes
   */
  public McpBridge(PinnedFeature feature, Grants grants, SecretValues secrets, BridgeSettings settings,
      Consumer<Diagnostic> diagnostics) {
    this.feature = Objects.requireNonNull(feature, "feature");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    this.stderr = new StderrLog(settings.stderrLines(), line -> diagnostics.accept(note(
        "feature " + feature.featureId() + "'s MCP server wrote on stderr: " + line)));
    for (ToolDescriptor tool : feature.descriptor().tools()) {
      tools.put(tool.name(), new Proxy(this, tool.name()));
    }
  }

  public PinnedFeature feature() {
    return feature;
  }

  /**
   * Starts the server (stopping a previous run first), runs {@code initialize} and
   * {@code tools/list}, and compares the tools with the pin. The result's diagnostics are the
   * caller's to report; nothing is published.
   *
   * @throws McpBridgeException if the server cannot be started, initialized or listed
   */
  public ToolCheck connect() throws McpBridgeException {
    stop();
    ServerGrants launch = ServerGrants.of(feature.descriptor(), grants, secrets, settings.hostEnvironment());
    stderr.restart();
    Session[] self = new Session[1];
    Session session;
    try {
      session = Session.open(feature.descriptor().server(), launch, settings, stderr,
          listed -> toolsChanged(self[0], listed));
    } catch (RuntimeException e) {
      throw new McpBridgeException(failure("could not be started and initialized", e));
    }
    self[0] = session;
    synchronized (this) {
      state = new State(session, null);
      notes = launch.notes();
    }
    List<McpSchema.Tool> listed;
    try {
      listed = session.listTools();
    } catch (RuntimeException e) {
      stop();
      throw new McpBridgeException(failure("started, but its tools/list failed", e));
    }
    ToolCheck check = ToolDrift.check(feature.featureId(), feature.descriptor(), listed, feature.repinCommand());
    synchronized (this) {
      if (state.session() == session && state.check() == null) {
        state = new State(session, check);
      } else if (state.session() == session) {
        check = state.check(); // a list_changed that arrived meanwhile is newer
      }
    }
    return check;
  }

  /** {@link #connect()}, publishing the check's diagnostics: a reconnect after a restart. */
  public ToolCheck reconnect() throws McpBridgeException {
    ToolCheck check = connect();
    check.diagnostics().forEach(diagnostics);
    return check;
  }

  /** The proxy the host registers for declared tool {@code name}. */
  public Tool<JsonNode> tool(String name) {
    Tool<JsonNode> tool = tools.get(name);
    if (tool == null) {
      throw new IllegalArgumentException("feature " + feature.featureId() + " declares no tool \"" + name + "\"");
    }
    return tool;
  }

  /** What the last {@code tools/list} meant; empty before the first connect. */
  public synchronized Optional<ToolCheck> check() {
    return Optional.ofNullable(state.check());
  }

  /** What the grants left out of the server's environment and roots at the last connect. */
  public synchronized List<String> launchNotes() {
    return notes;
  }

  /** The server process of the current run (stdio servers only). */
  public synchronized Optional<ProcessHandle> process() {
    return state.session() == null ? Optional.empty() : state.session().process().map(Process::toHandle);
  }

  /** Whether a run is current and its server still answers. */
  public boolean running() {
    Session session;
    synchronized (this) {
      session = state.session();
    }
    return session != null && session.alive();
  }

  /** The server's last stderr lines, escaped, oldest first. */
  public List<String> stderr() {
    return stderr.last();
  }

  /** Calls declared tool {@code name}; never throws. */
  public ToolResult call(String name, JsonNode input) {
    State current;
    synchronized (this) {
      current = state;
    }
    String id = feature.featureId();
    if (current.session() == null || current.check() == null || !current.session().alive()) {
      return ToolResult.error("The tool \"" + name + "\" is not available: the MCP server of " + id
          + " is not running" + (current.session() == null ? "." : " (it stopped; the host restarts it)."));
    }
    Optional<ToolCheck.ToolStatus> status = current.check().tool(name);
    if (status.isEmpty()) {
      return ToolResult.error("Feature " + id + " declares no tool \"" + name + "\".");
    }
    String refusal = ToolDrift.refusal(id, status.get());
    if (refusal != null) {
      return ToolResult.error(refusal);
    }
    Map<String, Object> arguments;
    try {
      arguments = input == null || input.isNull() ? Map.of() : JSON.convertValue(input, ARGUMENTS);
    } catch (IllegalArgumentException e) {
      return ToolResult.error("The tool \"" + name + "\" takes a JSON object, not " + input.getNodeType() + ".");
    }
    try {
      return CallResults.of(current.session().call(name, arguments));
    } catch (RuntimeException e) {
      return CallResults.failure(id, name, e, settings.callTimeout());
    }
  }

  /** The task the host's supervisor runs: it restarts a server that exited, with backoff. */
  public McpServerTask supervisor() {
    return new McpServerTask(this);
  }

  /** Why the current run ended, for the supervisor's failure. */
  String exitMessage() {
    Optional<Process> process;
    synchronized (this) {
      process = state.session() == null ? Optional.empty() : state.session().process();
    }
    String how = process.filter(p -> !p.isAlive()).map(p -> "exited with code " + p.exitValue()).orElse("stopped");
    return "feature " + feature.featureId() + ": its MCP server (" + feature.server() + ") " + how + "."
        + stderr.tail(10) + " The host starts it again after its backoff.";
  }

  /** Stops the current run: the process and every process it started. */
  public void stop() {
    Session session;
    synchronized (this) {
      session = state.session();
      state = State.STOPPED;
    }
    if (session != null) {
      session.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** A declared tool as the host registers it: every call goes through {@link #call}. */
  private static final class Proxy implements Tool<JsonNode> {
    private final McpBridge bridge;
    private final String name;

    Proxy(McpBridge bridge, String name) {
      this.bridge = bridge;
      this.name = name;
    }

    @Override
    public ToolResult call(JsonNode input, ToolContext context) {
      return bridge.call(name, input);
    }

    @Override
    public String toString() {
      return "MCP tool \"" + name + "\" of " + bridge.feature.featureId();
    }
  }

  /** The server's tool list changed: check it again, and publish what is new. */
  private void toolsChanged(Session session, List<McpSchema.Tool> listed) {
    ToolCheck check = ToolDrift.check(feature.featureId(), feature.descriptor(), listed, feature.repinCommand());
    Set<String> before;
    synchronized (this) {
      if (session == null || state.session() != session) {
        return; // a notification of a run that is over, or during initialize (connect lists next)
      }
      before = new HashSet<>();
      if (state.check() != null) {
        state.check().diagnostics().forEach(d -> before.add(d.message()));
      }
      state = new State(session, check);
    }
    for (Diagnostic diagnostic : check.diagnostics()) {
      if (!before.contains(diagnostic.message())) {
        diagnostics.accept(diagnostic);
      }
    }
  }

  private String failure(String what, RuntimeException e) {
    Throwable root = McpError.findRootCause(e);
    String cause = ServerText.escape(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage(), 500);
    return "feature " + feature.featureId() + ": its MCP server (" + feature.server() + ") " + what + ": "
        + cause + "." + stderr.tail(10) + " Check that the command runs on its own (yoi mcp pin runs it the"
        + " same way), or pin the feature again: " + feature.repinCommand() + ".";
  }

  private Diagnostic note(String message) {
    return new Diagnostic(DiagnosticCode.FEATURE_NOTE.code(), Severity.INFO, feature.featureId(),
        DiagnosticCode.FEATURE_NOTE.format(message));
  }
}
