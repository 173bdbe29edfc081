package dev.yoi.mcp.bridge;

import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import dev.yoi.feature.grant.DescriptorDiff;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a server lists with what a person pinned and approved. Drift is refused, never
 * absorbed: an undeclared tool is never registered, a declared tool whose description or input
 * schema changed is disabled, a declared tool the server no longer lists answers with an error.
 * Nothing the server sends changes what the model sees; only a new pin, approved, does.
 */
public final class ToolDrift {
  private ToolDrift() {}

  /**
   * Checks {@code listed} against {@code pinned}.
   *
   * @param featureId the feature's full id, e.g. {@code project:everything}
   * @param repin the command that pins the server again, as the messages tell a person to run it
   */
  public static ToolCheck check(
      String featureId, FeatureDescriptor pinned, List<McpSchema.Tool> listed, String repin) {
    Map<String, ToolDescriptor> server = new LinkedHashMap<>();
    for (McpSchema.Tool tool : listed) {
      server.putIfAbsent(tool.name(), ServerTools.declaration(tool));
    }
    String approve = " then approve it: " + repin + ", then yoi approve " + featureId + " --lock <lock file>.";
    Map<String, ToolCheck.ToolStatus> tools = new LinkedHashMap<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (ToolDescriptor declared : pinned.tools()) {
      String name = declared.name();
      ToolDescriptor now = server.remove(name);
      if (now == null) {
        tools.put(name, new ToolCheck.ToolStatus(name, ToolCheck.ToolStatus.State.MISSING, List.of()));
        diagnostics.add(diagnostic(DiagnosticCode.DECLARED_NOT_REGISTERED, Severity.WARNING, featureId,
            "feature " + featureId + " declares the tool \"" + name + "\", but its MCP server does not"
                + " list it, so every call of it is an error result. Restore the tool on the server, or"
                + " pin the server again to drop it and" + approve));
        continue;
      }
      if (ServerTools.same(declared, now)) {
        tools.put(name, new ToolCheck.ToolStatus(name, ToolCheck.ToolStatus.State.ACTIVE, List.of()));
        continue;
      }
      List<String> difference = difference(pinned, declared, now);
      tools.put(name, new ToolCheck.ToolStatus(name, ToolCheck.ToolStatus.State.DRIFTED, difference));
      StringBuilder lines = new StringBuilder();
      difference.forEach(line -> lines.append("\n    ").append(line));
      diagnostics.add(diagnostic(DiagnosticCode.MCP_DRIFT, Severity.ERROR, featureId,
          "feature " + featureId + ": its MCP server lists the tool \"" + name + "\" with " + what(declared, now)
              + " than the pinned one, so the tool is disabled (every call is an error result) and the"
              + " model still sees only the pinned definition:" + lines
              + "\n  If the change is expected, review it, pin the server again and" + approve));
    }
    List<String> undeclared = new ArrayList<>(server.keySet());
    for (String name : undeclared) {
      diagnostics.add(diagnostic(DiagnosticCode.UNDECLARED_CONTRIBUTION, Severity.WARNING, featureId,
          "feature " + featureId + ": its MCP server lists the tool " + ControlCharacters.quote(name, 200)
              + ", which the pinned descriptor does not declare, so it is not registered and the model"
              + " never sees it. To offer it, pin the server again and" + approve));
    }
    return new ToolCheck(tools, undeclared, diagnostics);
  }

  /** The error result a call of a tool in {@code status} gets, or null when it is active. */
  static String refusal(String featureId, ToolCheck.ToolStatus status) {
    switch (status.state()) {
      case DRIFTED:
        return "The tool \"" + status.name() + "\" is disabled: its MCP server changed the tool's definition"
            + " since a person approved it (yoi/mcp-drift). It answers again once the change is reviewed"
            + " and approved.";
      case MISSING:
        return "The tool \"" + status.name() + "\" is not available: the MCP server of " + featureId
            + " does not provide it (yoi/declared-not-registered).";
      default:
        return null;
    }
  }

  /** The diff lines the approval prompt would show for this one tool, escaped. */
  private static List<String> difference(FeatureDescriptor pinned, ToolDescriptor declared, ToolDescriptor now) {
    ToolDescriptor listed = new ToolDescriptor(declared.name(), now.description(), declared.className(),
        declared.inputType(), now.inputSchema(), declared.requires());
    return DescriptorDiff.between(only(pinned, declared), only(pinned, listed)).lines().stream()
        .map(line -> ServerText.escape(line, 2000))
        .toList();
  }

  private static FeatureDescriptor only(FeatureDescriptor d, ToolDescriptor tool) {
    return new FeatureDescriptor(d.slug(), d.name(), d.version(), d.description(), d.runtime(), d.featureClass(),
        List.of(tool), List.of(), List.of(), List.of(), List.of(), List.of(), d.server());
  }

  private static String what(ToolDescriptor declared, ToolDescriptor now) {
    boolean description = !declared.description().equals(now.description());
    boolean schema = !CanonicalJson.write(declared.inputSchema()).equals(CanonicalJson.write(now.inputSchema()));
    return description && schema ? "another description and input schema"
        : description ? "another description" : "another input schema";
  }

  private static Diagnostic diagnostic(DiagnosticCode code, Severity severity, String featureId, String message) {
    return new Diagnostic(code.code(), severity, featureId, code.format(message));
  }
}
