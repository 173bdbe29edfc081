package dev.yoi.pod.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.fault.Fault;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.pod.history.EntryLimit;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.PreToolCallDecision;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.internal.hook.HookRegistry;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The whole tool path, for the model's calls and the host's alike:
 * <ol>
 *   <li>the call is recorded in history under a new call id; an input over the Pod's
 *       {@link EntryLimit} is recorded as a note of its size, and the call is an error result;
 *   <li>an unknown tool is an error result;
 *   <li>pre-tool-call hooks run in order: the first deny wins, a failing hook denies;
 *   <li>the input is checked against the tool's compiled schema: violations are an error result
 *       that lists them all;
 *   <li>the input is decoded into the tool's input record (or passed as a {@code JsonNode});
 *   <li>the tool runs: whatever it throws that is its own fault ({@link Fault}), a
 *       {@code StackOverflowError} too, is an error result with its message, and a diagnostic;
 *   <li>a result over the entry limit is replaced by an error result saying so;
 *   <li>tool-result hooks observe the result;
 *   <li>the result is recorded in history: exactly one per call.
 * </ol>
 * A call the history cannot record is not run; a result it cannot record is replaced by an error
 * result that still carries the text. Both are reported as {@code yoi/history-write-failed}.
 * A fault of the model or a feature is never an exception here, only an error result the model
 * can read. Thread-safe: calls may run concurrently.
 */
public final class ToolInvoker {
  /** How many tool names an unknown-tool result lists before it says how many more there are. */
  private static final int LISTED_NAMES = 40;

  /**
   * One finished call.
   *
   * @param call the call as hooks and history saw it
   * @param result what the model gets
   */
  public record Completed(ToolCallView call, ToolResult result) {}

  private final ToolRegistry tools;
  private final HookRegistry hooks;
  private final History history;
  private final Function<String, Alerts> alerts;
  private final Consumer<Diagnostic> diagnostics;

  /**
   * @param alerts each feature's alert channel, by feature id, for its tools' {@link ToolContext}
   * @param diagnostics where tool failures are published
   */
  public ToolInvoker(ToolRegistry tools, HookRegistry hooks, History history,
      Function<String, Alerts> alerts, Consumer<Diagnostic> diagnostics) {
    this.tools = Objects.requireNonNull(tools, "tools");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.history = Objects.requireNonNull(history, "history");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
  }

  /** Runs one call through the whole path; a blank input means {@code {}}. */
  public ToolResult call(String name, String inputJson) {
    return invoke(name, inputJson).result();
  }

  /** {@link #call}, also returning the call as recorded (its id). */
  public Completed invoke(String name, String inputJson) {
    String toolName = name == null ? "" : name;
    String input = inputJson == null || inputJson.isBlank() ? "{}" : inputJson;
    String callId = history.newCallId();
    Optional<ToolResult> oversized = oversizedInput(callId, toolName, input);
    ToolCallView call = new ToolCallView(callId, toolName,
        oversized.isPresent() ? omittedInput(input) : input);
    Optional<String> unrecorded =
        record(new HistoryEntry.ToolCall(call.callId(), toolName, call.inputJson()), call);
    if (unrecorded.isPresent()) {
      // A call the history does not hold must not run: its result could never be recorded.
      return new Completed(call, ToolResult.error("tool \"" + toolName + "\" was not run: the host"
          + " could not record the call in the history (" + unrecorded.get() + ")"));
    }
    // Whatever happens below, the call gets its one result.
    ToolResult result = ToolResult.error("the host failed while running this call");
    try {
      result = oversized.isPresent() ? oversized.get() : withinLimit(call, run(call));
      hooks.afterToolCall(call, result);
    } finally {
      unrecorded = record(
          new HistoryEntry.ToolResult(call.callId(), toolName, result.text(), result.isError()), call);
    }
    if (unrecorded.isPresent()) {
      result = ToolResult.error("tool \"" + toolName + "\" ran, but the host could not record its result"
          + " in the history (" + unrecorded.get() + "), so its outcome is not durable. It returned"
          + (result.isError() ? " an error" : "") + ":\n" + result.text());
    }
    return new Completed(call, result);
  }

  /** An error result if the call, input included, is larger than the history may record. */
  private Optional<ToolResult> oversizedInput(String callId, String toolName, String input) {
    EntryLimit limit = history.entryLimit();
    long bytes = EntryLimit.sizeOf(new HistoryEntry.ToolCall(callId, toolName, input));
    if (limit.admits(bytes)) {
      return Optional.empty();
    }
    return Optional.of(ToolResult.error("input for tool " + quoted(toolName) + " is "
        + EntryLimit.sizeOf(input) + " bytes of JSON, more than the Pod's entry limit of " + limit
        + ", so the tool was not run and the input was not recorded. Send a smaller input: split"
        + " the work into several calls (the host sets the limit with " + EntryLimit.SETTING + ")"));
  }

  /** What history records in place of an input over the limit: its size, as a JSON object. */
  private String omittedInput(String input) {
    return "{\"omittedInput\":{\"bytes\":" + EntryLimit.sizeOf(input)
        + ",\"entryLimitBytes\":" + history.entryLimit().maxBytes() + "}}";
  }

  /** The result, or an error result saying it was dropped if it is larger than history may record. */
  private ToolResult withinLimit(ToolCallView call, ToolResult result) {
    EntryLimit limit = history.entryLimit();
    long bytes = EntryLimit.sizeOf(
        new HistoryEntry.ToolResult(call.callId(), call.toolName(), result.text(), result.isError()));
    if (limit.admits(bytes)) {
      return result;
    }
    RegisteredTool tool = tools.lookup(call.toolName());
    String feature = tool == null ? "" : tool.featureId();
    long textBytes = EntryLimit.sizeOf(result.text());
    String size = textBytes + " bytes (" + EntryLimit.describe(textBytes) + ")";
    diagnostics.accept(Diagnostics.error(DiagnosticCode.TOOL_FAILED, feature,
        "tool " + quoted(call.toolName()) + (tool == null ? "" : " of feature " + feature)
            + " was expected to return a result within the Pod's entry limit of " + limit
            + " for call " + call.callId() + ", but returned " + size + "; the model got an error"
            + " result and nothing of the result was recorded. Have the tool return less at once"
            + " (page or summarise it), or raise the limit with " + EntryLimit.SETTING + "."));
    String what = result.isError() ? "an error result" : "a result";
    return ToolResult.error("tool " + quoted(call.toolName()) + " returned " + what + " of " + size + ", more than the Pod's entry limit of " + limit + ", so it was"
        + " dropped and not recorded. Ask for less at once (a narrower query, a page of it); the"
        + " host sets the limit with " + EntryLimit.SETTING);
  }

  /**
   * A name as a message quotes it (the caller's text, not a tool's): escaped, and cut, since a huge
   * name is what the message is about, not what it shows.
   */
  private static String quoted(String name) {
    return ControlCharacters.quote(name, 100);
  }

  /**
   * Appends {@code entry}; a failure (a closed history, a full disk) is a diagnostic and its short
   * description, never an exception, so the model always gets a result.
   */
  private Optional<String> record(HistoryEntry entry, ToolCallView call) {
    try {
      history.append(entry);
      return Optional.empty();
    } catch (RuntimeException e) {
      String what = entry instanceof HistoryEntry.ToolCall ? "the tool call" : "the tool result";
      String failure = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
      diagnostics.accept(Diagnostics.error(DiagnosticCode.HISTORY_WRITE_FAILED, "", "the history"
          + history.file().map(f -> " " + f).orElse("") + " was expected to record " + what + " of call "
          + call.callId() + " to tool " + quoted(call.toolName()) + ", but the append failed (" + failure
          + "); the call got an error result instead. Check the history directory (disk space,"
          + " permissions), then restart the Pod: on reopen, a call without a result gets one."));
      return Optional.of(failure);
    }
  }

  private ToolResult run(ToolCallView call) {
    RegisteredTool tool = tools.lookup(call.toolName());
    if (tool == null) {
      return ToolResult.error(unknownTool(call.toolName()));
    }
    PreToolCallDecision decision = hooks.beforeToolCall(call);
    if (decision instanceof PreToolCallDecision.Deny deny) {
      return ToolResult.error(deny.reason());
    }
    JsonNode input;
    try {
      input = tools.mapper().readTree(call.inputJson());
    } catch (IOException e) {
      return ToolResult.error("input for tool \"" + tool.name() + "\" is not valid JSON ("
          + firstLine(e.getMessage()) + "); send one JSON object that matches the tool's input schema");
    }
    InputSchema.Outcome schema = tool.schema().compiled();
    if (schema instanceof InputSchema.Broken broken) {
      if (tool.schema().reportBroken()) {
        reportBrokenSchema(tool, broken);
      }
      return ToolResult.error("tool \"" + tool.name() + "\" cannot be called: its input schema does not"
          + " compile (" + broken.why() + ")");
    }
    List<String> violations = ((InputSchema.Ready) schema).violations(input);
    if (!violations.isEmpty()) {
      return ToolResult.error(describeViolations(tool, violations));
    }
    Object decoded;
    try {
      decoded = tool.decode(input);
    } catch (IOException | RuntimeException e) {
      // The input record's constructor is the feature's code, and so may be what was thrown.
      return ToolResult.error("input for tool \"" + tool.name() + "\" matches its schema but cannot be"
          + " decoded into " + simpleName(tool.inputTypeName()) + " (" + firstLine(Fault.message(e)) + ")");
    } catch (Throwable t) {
      // An Error from the input record's own code (its constructor, its static initialiser) is the
      // feature's fault, not the input's.
      Fault fault = Fault.caught(t);
      String failure = Fault.describe(t);
      if (fault == Fault.FEATURE) {
        report(tool, call, "threw " + failure + " while its input was decoded into "
            + simpleName(tool.inputTypeName()));
      }
      return ToolResult.error("tool \"" + tool.name() + "\" failed: " + failure);
    }
    ToolContext context = new CallContext(call.callId(), tool.name(), tool.featureId(),
        alerts.apply(tool.featureId()));
    ToolResult result;
    try {
      result = tool.tool().call(decoded, context);
    } catch (Throwable t) {
      // A StackOverflowError too is the tool's own fault; an interrupt is the caller's, not reported.
      Fault fault = Fault.caught(t);
      String failure = Fault.describe(t);
      if (fault == Fault.FEATURE) {
        report(tool, call, "threw " + failure);
      }
      return ToolResult.error("tool \"" + tool.name() + "\" failed: " + Fault.whole(t));
    }
    if (result == null) {
      report(tool, call, "returned null");
      return ToolResult.error("tool \"" + tool.name() + "\" failed: it returned no result");
    }
    return result;
  }

  private String unknownTool(String name) {
    List<String> names = tools.names();
    if (names.isEmpty()) {
      return "unknown tool \"" + name + "\": no tools are installed";
    }
    String listed = String.join(", ", names.subList(0, Math.min(LISTED_NAMES, names.size())));
    String more = names.size() > LISTED_NAMES ? " and " + (names.size() - LISTED_NAMES) + " more" : "";
    return "unknown tool \"" + name + "\"; the tools are: " + listed + more;
  }

  private static String describeViolations(RegisteredTool tool, List<String> violations) {
    StringBuilder text = new StringBuilder("input for tool \"").append(tool.name())
        .append("\" does not match its schema (").append(violations.size())
        .append(violations.size() == 1 ? " problem" : " problems").append("):");
    violations.forEach(line -> text.append("\n- ").append(line));
    return text.toString();
  }

  /** Once per tool: the schema stays broken, and every later call gets the same error result. */
  private void reportBrokenSchema(RegisteredTool tool, InputSchema.Broken broken) {
    diagnostics.accept(Diagnostics.error(DiagnosticCode.TOOL_FAILED, tool.featureId(),
        "tool \"" + tool.name() + "\" of feature " + tool.featureId() + " was expected to have an input"
            + " schema the host can compile, but it does not compile (" + broken.why() + "); every call"
            + " gets an error result. The processor never derives such a schema: rebuild the feature"
            + " with the Yoi processor, or disable feature " + tool.featureId()
            + " in the Pod manifest (features.disable)."));
  }

  private void report(RegisteredTool tool, ToolCallView call, String found) {
    diagnostics.accept(Diagnostics.error(DiagnosticCode.TOOL_FAILED, tool.featureId(),
        "tool \"" + tool.name() + "\" of feature " + tool.featureId()
            + " was expected to return a ToolResult for call " + call.callId() + ", but " + found
            + "; the model got an error result. Fix the tool (return ToolResult.error(..) for"
            + " failures the model should see), or disable feature " + tool.featureId()
            + " in the Pod manifest (features.disable)."));
  }

  private static String simpleName(String binaryName) {
    return binaryName.substring(Math.max(binaryName.lastIndexOf('.'), binaryName.lastIndexOf('$')) + 1);
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private record CallContext(String callId, String toolName, String featureId, Alerts alerts)
      implements ToolContext {}
}
