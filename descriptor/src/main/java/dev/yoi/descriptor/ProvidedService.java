package dev.yoi.descriptor;

import java.util.Objects;

/**
 * A service the feature provides.
 *
 * @param id the service slug; consumers qualify it with the provider's source
 * @param version SemVer 2.0 version
 * @param type canonical name of the service interface
 * @param privileged whether consumers need {@code SERVICE_ACCESS} for it
 * @param className binary name of the implementing class
 */
public record ProvidedService(
    String id, String version, String type, boolean privileged, String className) {
  public ProvidedService {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(className, "className");
  }
}
