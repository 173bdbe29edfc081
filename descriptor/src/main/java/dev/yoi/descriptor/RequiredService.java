package dev.yoi.descriptor;

import java.util.Objects;

/**
 * A service the feature needs.
 *
 * @param id qualified service id, e.g. {@code builtin:task-store}
 * @param version a SemVer range, e.g. {@code ^1.2}
 * @param type canonical name of the service interface
 * @param optional whether the feature installs without it
 * @param reason why the feature needs it
 */
public record RequiredService(
    String id, String version, String type, boolean optional, String reason) {
  public RequiredService {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
  }
}
