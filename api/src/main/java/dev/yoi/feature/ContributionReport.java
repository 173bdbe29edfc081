package dev.yoi.feature;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * What became of one declared contribution of a feature.
 *
 * @param kind tool, hook, task or service
 * @param name the tool, hook or task name; for a service its qualified id ({@code builtin:task-store})
 * @param className binary name of the implementing class
 * @param status installed, skipped, not registered, or not installed (the feature was not)
 * @param reason why it is not installed; empty when it is
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"kind", "name", "className", "status", "reason"})
public record ContributionReport(
    ContributionReport.Kind kind, String name, String className, ContributionReport.Status status,
    String reason) {

  public ContributionReport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }

  /** The host surface a contribution goes into. */
  public enum Kind {
    TOOL("tool"),
    HOOK("hook"),
    TASK("task"),
    SERVICE("service");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }

    @JsonCreator
    public static Kind fromWireName(String wireName) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(wireName)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown contribution kind \"" + wireName + "\"");
    }
  }

  /** The outcome of one contribution. */
  public enum Status {
    /** Registered, checked and committed to its surface. */
    INSTALLED("installed"),
    /** Left out on purpose: it needs an optional authority that was denied. */
    SKIPPED("skipped"),
    /** Declared, but {@code install} never registered it ({@code yoi/declared-not-registered}). */
    NOT_REGISTERED("not-registered"),
    /** The feature itself was not installed (or was rolled back). */
    NOT_INSTALLED("not-installed");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }

    @JsonCreator
    public static Status fromWireName(String wireName) {
      for (Status status : values()) {
        if (status.wireName.equals(wireName)) {
          return status;
        }
      }
      throw new IllegalArgumentException("unknown contribution status \"" + wireName + "\"");
    }
  }
}
