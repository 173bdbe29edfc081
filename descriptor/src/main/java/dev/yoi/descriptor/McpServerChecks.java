package dev.yoi.descriptor;

import dev.yoi.feature.annotation.AuthorityKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for the {@code server} of an {@code mcp_bridge} descriptor: how the process is
 * started, what it is given, where it is reached. Such a feature has no code of its own, so it
 * contributes tools only.
 */
final class McpServerChecks {
  /** A POSIX environment variable name. */
  static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private McpServerChecks() {}

  static void check(FeatureDescriptor d, List<String> problems) {
    McpServer server = d.server();
    if (server == null) {
      return; // An mcp_bridge line without a server is listed and refused at install, not here.
    }
    String feature = "feature " + d.slug();
    if (d.runtime() != RuntimeKind.MCP_BRIDGE) {
      problems.add(feature + " names an MCP server but its runtime is " + d.runtime().wireName()
          + "; only an mcp_bridge feature has a server");
      return;
    }
    if (!d.featureClass().isEmpty()) {
      problems.add(feature + " is an MCP bridge but names the feature class "
          + ControlCharacters.quote(d.featureClass()) + "; an mcp_bridge feature has no class"
          + " (write \"\")");
    }
    if (!d.hooks().isEmpty() || !d.backgroundTasks().isEmpty() || !d.providedServices().isEmpty()
        || !d.requiredServices().isEmpty()) {
      problems.add(feature + " is an MCP bridge but declares hooks, background tasks or services;"
          + " an MCP server contributes tools only");
    }
    for (ToolDescriptor tool : d.tools()) {
      if (!tool.className().isEmpty()) {
        problems.add("tool " + ControlCharacters.quote(tool.name()) + " of MCP bridge " + d.slug()
            + " names the class " + ControlCharacters.quote(tool.className())
            + "; a bridged tool is the server's (write \"\")");
      }
    }
    if (server instanceof McpServer.Stdio stdio) {
      checkStdio(d, stdio, problems);
    } else if (server instanceof McpServer.StreamableHttp http) {
      checkHttp(d, http, problems);
    }
  }

  private static void checkStdio(FeatureDescriptor d, McpServer.Stdio stdio, List<String> problems) {
    String feature = "the MCP server of feature " + d.slug();
    if (stdio.command().isBlank()) {
      problems.add(feature + " has no command; name the program that starts it (e.g. \"node\")");
    }
    printable(feature + "'s command", stdio.command(), problems);
    for (int i = 0; i < stdio.args().size(); i++) {
      printable(feature + "'s argument " + (i + 1), stdio.args().get(i), problems);
    }
    if (!stdio.workingDirectory().isEmpty()) {
      printable(feature + "'s working directory", stdio.workingDirectory(), problems);
      if (!absolute(stdio.workingDirectory())) {
        problems.add(feature + " has the working directory "
            + ControlCharacters.quote(stdio.workingDirectory()) + ", which is not an absolute path;"
            + " write an absolute path, or \"\" for the host's own");
      }
    }
    Set<String> secrets = new HashSet<>();
    for (AuthorityRequest request : d.authorities()) {
      if (request.kind() == AuthorityKind.SECRET_REF) {
        secrets.add(request.scope());
      }
    }
    Set<String> names = new HashSet<>();
    for (EnvVariable variable : stdio.environment()) {
      String name = ControlCharacters.shown(variable.name());
      if (!VARIABLE.matcher(variable.name()).matches()) {
        problems.add(feature + " maps the environment variable " + ControlCharacters.quote(variable.name())
            + ", which is not a variable name: use letters, digits and '_', not starting with a digit");
      } else if (!names.add(variable.name())) {
        problems.add(feature + " maps the environment variable " + name + " twice");
      }
      if ((variable.value() == null) == (variable.secret() == null)) {
        problems.add(feature + " maps " + name + " to " + (variable.value() == null ? "nothing" : "both a"
            + " value and a secret") + "; give exactly one of \"value\" (a literal) or \"secret\""
            + " (a SECRET_REF scope)");
      } else if (variable.secret() != null && !secrets.contains(variable.secret())) {
        problems.add(feature + " maps " + name + " to the secret "
            + ControlCharacters.quote(variable.secret()) + ", which"
            + " the feature does not request; add the authority SECRET_REF:"
            + ControlCharacters.escape(variable.secret())
            + " with a reason, so a person approves it");
      } else if (variable.value() != null && variable.value().indexOf('\0') >= 0) {
        problems.add(feature + " maps " + name + " to a value holding a NUL character, which no"
            + " process environment can carry");
      }
    }
  }

  private static void checkHttp(FeatureDescriptor d, McpServer.StreamableHttp http, List<String> problems) {
    String feature = "the MCP server of feature " + d.slug();
    printable(feature + "'s url", http.url(), problems);
    URI uri;
    try {
      uri = new URI(http.url());
    } catch (URISyntaxException e) {
      problems.add(feature + " has the url " + ControlCharacters.quote(http.url())
          + ", which is not a URL (" + ControlCharacters.escape(e.getReason()) + ")");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      problems.add(feature + " has the url " + ControlCharacters.quote(http.url())
          + "; write an http:// or https:// URL"
          + " with a host (e.g. \"http://127.0.0.1:3001/mcp\")");
      return;
    }
    if (uri.getRawUserInfo() != null) {
      problems.add(feature + " has a user name or password in its url; a descriptor is shown to"
          + " every approver, so it holds no credentials");
    }
    String host = uri.getHost();
    if (!loopback(host) && !networkRequested(d, host)) {
      problems.add(feature + " is reached at " + host + ", which is not loopback and not named by a"
          + " NETWORK authority; add the authority NETWORK:" + host + " with a reason, or serve it on"
          + " 127.0.0.1");
    }
  }

  /** Whether {@code host} is this machine's loopback interface, by name or address. */
  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static boolean networkRequested(FeatureDescriptor d, String host) {
    for (AuthorityRequest request : d.authorities()) {
      if (request.kind() == AuthorityKind.NETWORK
          && (request.scope().isEmpty() || request.scope().equalsIgnoreCase(host))) {
        return true;
      }
    }
    return false;
  }

  private static boolean absolute(String path) {
    try {
      return Path.of(path).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** Text a process or a terminal takes: none of what {@link ControlCharacters} refuses in a line. */
  private static void printable(String what, String text, List<String> problems) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (ControlCharacters.refused(c, false)) {
        problems.add(what + " holds the control character " + String.format("U+%04X", c)
            + "; write it without control characters");
        return;
      }
      i += Character.charCount(c);
    }
  }
}
