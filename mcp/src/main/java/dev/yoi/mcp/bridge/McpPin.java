package dev.yoi.mcp.bridge;

import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DescriptorChecks;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.Names;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Pins an MCP server: starts it the way the host will (the environment built from the requested
 * authorities, as if all were granted), runs {@code initialize} and {@code tools/list}, and
 * writes what it lists into an {@code mcp_bridge} descriptor. The pin is what a person approves;
 * from then on the bridge refuses any difference.
 */
public final class McpPin {
  /** The {@code module} of a pinned line: no build compiled it. */
  public static final String MODULE = "yoi-mcp-pin";

  private McpPin() {}

  /**
   * What to pin.
   *
   * @param slug the feature id without its source
   * @param name the human-readable name; null for the server's own
   * @param version SemVer; null for the server's version when it is SemVer, else {@code 0.1.0}
   * @param description null for one naming the server
   * @param server how to start or reach it
   * @param authorities what the feature requests, each with a reason
   */
  public record Request(String slug, String name, String version, String description, McpServer server,
      List<AuthorityRequest> authorities) {
    public Request {
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(server, "server");
      authorities = List.copyOf(authorities);
    }
  }

  /**
   * What a pin produced.
   *
   * @param descriptor the descriptor to write
   * @param serverInfo what the server said it is
   * @param skipped the server's tools that could not be pinned, each with why (escaped)
   */
  public record Result(FeatureDescriptor descriptor, McpSchema.Implementation serverInfo, List<String> skipped) {
    public Result {
      skipped = List.copyOf(skipped);
    }

    /** The feature file's line. */
    public IndexLine line() {
      return IndexLine.of(MODULE, "", descriptor);
    }
  }

  /** What is wrong with {@code request} before any server is started; empty when nothing is. */
  public static List<String> problems(Request request) {
    return DescriptorChecks.check(descriptor(request, "0.0.0", request.slug(), "", List.of()));
  }

  /**
   * Starts the server, lists its tools and builds the descriptor; the server is stopped before
   * this returns.
   *
   * @param stderr receives the server's first stderr lines, escaped
   * @throws McpBridgeException if the request is invalid, or the server cannot be started,
   *     initialized or listed
   */
  public static Result pin(Request request, SecretValues secrets, BridgeSettings settings, Consumer<String> stderr)
      throws McpBridgeException {
    List<String> problems = problems(request);
    if (!problems.isEmpty()) {
      throw new McpBridgeException("cannot pin " + request.slug() + ": " + String.join("; ", problems) + ".");
    }
    FeatureDescriptor draft = descriptor(request, "0.0.0", request.slug(), "", List.of());
    ServerGrants launch = ServerGrants.of(draft, allRequested(request.authorities()), secrets,
        settings.hostEnvironment());
    List<McpSchema.Tool> listed;
    McpSchema.Implementation info;
    Session session;
    StderrLog log = new StderrLog(settings.stderrLines(), stderr);
    try {
      session = Session.open(request.server(), launch, settings, log, tools -> {});
    } catch (RuntimeException e) {
      throw new McpBridgeException("the MCP server (" + describe(request.server()) + ") could not be started"
          + " and initialized: " + cause(e) + "." + log.tail(10));
    }
    try (session) {
      info = session.initialized().serverInfo();
      listed = session.listTools();
    } catch (RuntimeException e) {
      throw new McpBridgeException("the MCP server (" + describe(request.server()) + ") started, but its"
          + " tools/list failed: " + cause(e) + "." + log.tail(10));
    }
    List<ToolDescriptor> tools = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (McpSchema.Tool tool : listed) {
      String shown = ControlCharacters.quote(tool.name(), 200);
      if (Names.checkToolName("tool name", tool.name()).isPresent()) {
        skipped.add(shown + ": model APIs do not accept the name (^[A-Za-z0-9_-]{1,64}$)");
      } else if (!seen.add(tool.name())) {
        skipped.add(shown + ": listed twice; the first is pinned");
      } else {
        // What the host refuses in any descriptor (a control character in a description, say)
        // skips the tool, never the whole pin: the reason is shown escaped.
        ToolDescriptor declaration = ServerTools.declaration(tool);
        List<String> invalid = DescriptorChecks.check(descriptor(request, "0.0.0", request.slug(), "", List.of(declaration)));
        if (invalid.isEmpty()) {
          tools.add(declaration);
        } else {
          seen.remove(tool.name());
          skipped.add(shown + ": " + ServerText.escape(String.join("; ", invalid), 500));
        }
      }
    }
    tools.sort(Comparator.comparing(ToolDescriptor::name));
    String version = request.version() != null ? request.version()
        : info != null && info.version() != null && Names.checkVersion("", info.version()).isEmpty() ? info.version()
        : "0.1.0";
    String name = request.name() != null ? request.name()
        : info == null ? request.slug() : info.title() != null ? info.title() : info.name();
    String description = request.description() != null ? request.description()
        : info == null ? "" : "MCP server " + info.name() + (info.version() == null ? "" : " " + info.version());
    FeatureDescriptor descriptor = descriptor(request, version, name, description, tools);
    List<String> invalid = DescriptorChecks.check(descriptor);
    if (!invalid.isEmpty()) {
      throw new McpBridgeException("the MCP server's answer cannot be pinned: "
          + ServerText.escape(String.join("; ", invalid), 2000) + ".");
    }
    return new Result(descriptor, info, skipped);
  }

  /** The server as a person reads it: the command line (arguments with spaces quoted), or the URL; escaped. */
  public static String describe(McpServer server) {
    if (server instanceof McpServer.StreamableHttp http) {
      return ServerText.escape(http.url());
    }
    McpServer.Stdio stdio = (McpServer.Stdio) server;
    StringBuilder line = new StringBuilder(quote(stdio.command()));
    stdio.args().forEach(arg -> line.append(' ').append(quote(arg)));
    return line.toString();
  }

  /** {@code word} escaped, and single-quoted for a shell when it holds spaces or shell syntax. */
  static String quote(String word) {
    String escaped = ServerText.escape(word);
    return !escaped.isEmpty() && escaped.chars().noneMatch(c -> Character.isWhitespace(c) || "'\"$`\\;&|<>()".indexOf(c) >= 0)
        ? escaped : "'" + escaped.replace("'", "'\\''") + "'";
  }

  private static FeatureDescriptor descriptor(
      Request request, String version, String name, String description, List<ToolDescriptor> tools) {
    return new FeatureDescriptor(request.slug(), name, version, description, RuntimeKind.MCP_BRIDGE, "", tools,
        List.of(), List.of(), List.of(), List.of(), request.authorities(), request.server());
  }

  private static String cause(RuntimeException e) {
    Throwable root = McpError.findRootCause(e);
    return ServerText.escape(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage(), 500);
  }

  /** At pin time the server runs as it will once every requested authority is approved. */
  private static Grants allRequested(List<AuthorityRequest> requests) {
    Set<String> labels = new TreeSet<>();
    requests.forEach(r -> labels.add(r.label().toString()));
    return new Grants() {
      @Override
      public boolean has(AuthorityKind kind, String scope) {
        return labels.contains(scope.isEmpty() ? kind.name() : kind.name() + ":" + scope);
      }

      @Override
      public boolean hasAny(AuthorityKind kind) {
        return requests.stream().anyMatch(r -> r.kind() == kind);
      }

      @Override
      public Set<String> granted() {
        return labels;
      }

      @Override
      public Set<String> denied() {
        return Set.of();
      }
    };
  }
}
