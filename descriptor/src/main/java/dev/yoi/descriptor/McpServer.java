package dev.yoi.descriptor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Objects;

/**
 * How the host reaches the MCP server of an {@code mcp_bridge} feature. Part of the descriptor, so
 * the digest covers it: a changed command line, argument, environment mapping or URL is a
 * descriptor change that needs approval again. In JSON, {@code "transport"} names the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "transport")
@JsonSubTypes({
  @JsonSubTypes.Type(McpServer.Stdio.class),
  @JsonSubTypes.Type(McpServer.StreamableHttp.class)
})
public sealed interface McpServer permits McpServer.Stdio, McpServer.StreamableHttp {
  /** The transport's wire name, as {@code "transport"} holds it. */
  String STDIO = "stdio";

  String STREAMABLE_HTTP = "streamable_http";

  /**
   * A server the host starts as a child process and speaks to over its stdin and stdout.
   *
   * @param command the program, found on the built environment's {@code PATH} unless a path
   * @param args its arguments, in order
   * @param workingDirectory an absolute directory; empty for the host's own working directory
   * @param environment the variables the descriptor maps, beside {@code PATH}, {@code HOME} and
   *     the locale variables, which the host passes from its own environment
   */
  @JsonTypeName(STDIO)
  record Stdio(String command, List<String> args, String workingDirectory, List<EnvVariable> environment)
      implements McpServer {
    public Stdio {
      Objects.requireNonNull(command, "command");
      args = args == null ? List.of() : List.copyOf(args);
      workingDirectory = workingDirectory == null ? "" : workingDirectory;
      environment = environment == null ? List.of() : List.copyOf(environment);
    }
  }

  /**
   * A server the host reaches over MCP's Streamable HTTP transport.
   *
   * @param url its endpoint; the host must be loopback or named by a {@code NETWORK} authority
   */
  @JsonTypeName(STREAMABLE_HTTP)
  record StreamableHttp(String url) implements McpServer {
    public StreamableHttp {
      Objects.requireNonNull(url, "url");
    }
  }
}
