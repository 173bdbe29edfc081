package dev.yoi.descriptor;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one vocabulary of problems, shared by the processor (build time), the runtime and the CLI
 * (run time). Every message starts with {@link #tag()}, e.g. {@code [yoi/duplicate-contribution]},
 * and {@link #format} is the one place that puts it there: a problem travels typed, as a
 * {@link Problem} (code and untagged detail), and becomes text once, so no caller guesses whether
 * a message is already tagged.
 */
public enum DiagnosticCode {
  // Build time.
  INVALID_ID("invalid-id", Phase.BUILD, "a feature or service id is not a valid slug"),
  INVALID_TOOL_NAME("invalid-tool-name", Phase.BUILD, "a tool, hook or task name is not ^[A-Za-z0-9_-]{1,64}$"),
  INVALID_VERSION("invalid-version", Phase.BUILD, "a version is not SemVer 2.0"),
  INVALID_VERSION_RANGE("invalid-version-range", Phase.BUILD, "a service version range cannot be parsed"),
  INVALID_DURATION("invalid-duration", Phase.BUILD, "a task's every is not a positive ISO-8601 duration"),
  MISSING_REASON("missing-reason", Phase.BUILD, "an authority or service request has a blank reason"),
  MISSING_SCOPE("missing-scope", Phase.BUILD, "an authority kind that needs a scope has none"),
  INVALID_SCOPE("invalid-scope", Phase.BUILD, "an authority scope is not in its kind's grammar (store name, secret id, qualified service id, path glob, host) or the kind takes none"),
  ORPHAN_CONTRIBUTION("orphan-contribution", Phase.BUILD, "a contribution belongs to no @Feature"),
  WRONG_SUPERTYPE("wrong-supertype", Phase.BUILD, "an annotated class does not implement what its annotation needs"),
  NOT_INSTANTIABLE("not-instantiable", Phase.BUILD, "a feature class cannot be constructed by generated code"),
  AUTHORITY_NOT_REQUESTED("authority-not-requested", Phase.BUILD, "a tool requires an authority its feature does not request"),
  UNSUPPORTED_INPUT_TYPE("unsupported-input-type", Phase.BUILD, "a tool's input type has no JSON Schema"),
  CONTROL_CHARACTER("control-character", Phase.BUILD, "a declared id, name, version, scope, description or reason holds a control character or an invisible format character such as a tag character (only descriptions and reasons may hold line feeds and tabs)"),
  INVALID_OPTION("invalid-option", Phase.BUILD, "a processor option (-Ayoi.*) has a value the processor does not accept"),
  INTERNAL_ERROR("internal-error", Phase.BUILD, "the processor itself failed; please report it"),

  // Both.
  DUPLICATE_FEATURE("duplicate-feature", Phase.BOTH, "two features have the same id"),
  DUPLICATE_CONTRIBUTION("duplicate-contribution", Phase.BOTH, "two contributions have the same name"),
  UNDECLARED_CONTRIBUTION("undeclared-contribution", Phase.BOTH, "a registration has no matching declaration"),

  // Run time.
  DECLARED_NOT_REGISTERED("declared-not-registered", Phase.RUN, "a declared contribution was never registered"),
  AUTHORITY_DENIED("authority-denied", Phase.RUN, "the policy denied a requested authority"),
  APPROVAL_REQUIRED("approval-required", Phase.RUN, "a plugin feature has no approval in the lock"),
  DESCRIPTOR_CHANGED("descriptor-changed", Phase.RUN, "a plugin feature's digest differs from the approved one"),
  CODE_CHANGED("code-changed", Phase.RUN, "a Pod that pins code found a plugin whose jar changed while its declarations did not"),
  DIGEST_MISMATCH("digest-mismatch", Phase.RUN, "index line, descriptor class and recomputation disagree"),
  INDEX_CORRUPT("index-corrupt", Phase.RUN, "an index line is not a valid entry"),
  INDEX_FORMAT("index-format", Phase.RUN, "an index line has an unknown format version"),
  MISSING_SERVICE("missing-service", Phase.RUN, "a required service has no provider of its id and Java type"),
  SERVICE_VERSION("service-version", Phase.RUN, "a provider's version is outside the required range"),
  SERVICE_CYCLE("service-cycle", Phase.RUN, "features require each other's services in a cycle"),
  OPTIONAL_SERVICE_MISSING("optional-service-missing", Phase.RUN, "an optional service has no provider"),
  RUNTIME_UNSUPPORTED("runtime-unsupported", Phase.RUN, "the feature's runtime kind cannot run here yet"),
  INSTALL_FAILED("install-failed", Phase.RUN, "the feature's install threw or registered something invalid"),
  NOT_ENABLED("not-enabled", Phase.RUN, "the manifest does not enable the feature"),
  FEATURE_NOTE("feature-note", Phase.RUN, "a feature's own note, through InstallContext.diagnostics()"),

  // Run time: the Pod's host surfaces, after install.
  HOOK_FAILED("hook-failed", Phase.RUN, "a hook threw or returned no decision; pre-request and pre-tool-call points fail closed"),
  TURN_ABORTED("turn-aborted", Phase.RUN, "a pre-request hook aborted a turn; the model saw the Pod's note, and the reason only as the feature's own note if it holds MODEL_NOTIFICATION"),
  TOOL_FAILED("tool-failed", Phase.RUN, "a tool threw, returned no result, or returned more than the entry limit; the model got an error result"),
  TASK_FAILED("task-failed", Phase.RUN, "a background task threw; the supervisor restarts it per its restart policy, with backoff"),
  TASK_ABANDONED("task-abandoned", Phase.RUN, "a background task ignored cancellation when the Pod closed and was abandoned"),
  HISTORY_RECOVERED("history-recovered", Phase.RUN, "the history file had a torn last line or an unanswered tool call, repaired on reopen"),
  HISTORY_WRITE_FAILED("history-write-failed", Phase.RUN, "the history could not record an entry; the tool call got an error result instead"),
  MANIFEST_INVALID("manifest-invalid", Phase.RUN, "the Pod manifest cannot be read, or has an unknown or ill-typed field"),
  MODEL_FAILED("model-failed", Phase.RUN, "the model client threw; the turn ended without a reply"),
  TURN_LIMIT("turn-limit", Phase.RUN, "a turn reached the most model requests it may make"),

  // Run time: bridged MCP servers.
  MCP_DRIFT("mcp-drift", Phase.RUN, "a bridged MCP server lists a declared tool with another description or input schema than the pinned one; the tool is disabled until it is pinned and approved again");

  /** When a code can be reported: what {@link #buildTime()} selects by. */
  private enum Phase {
    BUILD,
    RUN,
    BOTH
  }

  private final String code;
  private final Phase phase;
  private final String summary;

  DiagnosticCode(String name, Phase phase, String summary) {
    this.code = "yoi/" + name;
    this.phase = phase;
    this.summary = summary;
  }

  /** The code, e.g. {@code yoi/duplicate-contribution}. */
  public String code() {
    return code;
  }

  /** The message prefix, e.g. {@code [yoi/duplicate-contribution]}. */
  public String tag() {
    return "[" + code + "]";
  }

  /**
   * The one formatter: {@code tag() + " " + detail}. {@code detail} is untagged: it says what is
   * wrong; a message is formatted once, where it becomes text.
   */
  public String format(String detail) {
    return tag() + " " + detail;
  }

  /** A problem of this code: {@code detail} untagged, formatted by {@link Problem#message()}. */
  public Problem problem(String detail) {
    return new Problem(this, detail);
  }

  /** One line saying what the code means. */
  public String summary() {
    return summary;
  }

  /** The codes the processor reports. */
  public static Set<DiagnosticCode> buildTime() {
    EnumSet<DiagnosticCode> codes = EnumSet.noneOf(DiagnosticCode.class);
    for (DiagnosticCode c : values()) {
      if (c.phase != Phase.RUN) {
        codes.add(c);
      }
    }
    return codes;
  }

  /** The constant for a code such as {@code yoi/index-corrupt}. */
  public static DiagnosticCode of(String code) {
    for (DiagnosticCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown diagnostic code " + code);
  }
}
