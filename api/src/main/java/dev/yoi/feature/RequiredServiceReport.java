package dev.yoi.feature;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * How one {@code @RequiresService} of a feature was resolved.
 *
 * @param id the qualified service id, e.g. {@code builtin:task-store}
 * @param range the version range required, e.g. {@code ^1.2}
 * @param type the interface the consumer uses it through
 * @param optional whether the feature installs without it
 * @param status what resolution found
 * @param provider the full id of the providing feature; empty if none was found
 * @param providerVersion the version the provider offers; empty if none was found
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "range", "type", "optional", "status", "provider", "providerVersion"})
public record RequiredServiceReport(
    String id, String range, String type, boolean optional, RequiredServiceReport.Status status,
    String provider, String providerVersion) {

  public RequiredServiceReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    provider = provider == null ? "" : provider;
    providerVersion = providerVersion == null ? "" : providerVersion;
  }

  /** What resolving one requirement found. */
  public enum Status {
    /** A provider in range is installed (or, for a feature that failed later, was found). */
    RESOLVED("resolved"),
    /** No installed provider ({@code yoi/missing-service}, {@code yoi/optional-service-missing}). */
    MISSING("missing"),
    /** The provider's version is outside the range ({@code yoi/service-version}). */
    VERSION_MISMATCH("version-mismatch"),
    /** The service is privileged and the consumer holds no {@code SERVICE_ACCESS} for it. */
    DENIED("denied"),
    /** The requirement is part of a service cycle ({@code yoi/service-cycle}). */
    CYCLE("cycle"),
    /** Not looked at: the feature stopped earlier (not enabled, refused, ...). */
    UNRESOLVED("unresolved");

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
      throw new IllegalArgumentException("unknown service status \"" + wireName + "\"");
    }
  }
}
