package dev.yoi.descriptor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * Everything the build knows about one feature: what the runtime needs to list, approve, order and
 * check it without loading its code. Its canonical JSON is what the digest covers.
 *
 * @param slug the feature id without its source, e.g. {@code task-tools}
 * @param name human-readable name
 * @param version SemVer 2.0 version
 * @param description what it does (may be empty)
 * @param runtime how the feature runs
 * @param featureClass binary name of the {@code @Feature} class
 * @param tools declared tools, sorted by name
 * @param hooks declared hooks, sorted by point then name
 * @param backgroundTasks declared background tasks, sorted by name
 * @param providedServices services this feature provides, sorted by id
 * @param requiredServices services this feature needs, in declaration order
 * @param authorities authority requests, in declaration order
 * @param server how to reach the MCP server of an {@code mcp_bridge} feature; null (and absent
 *     from the canonical JSON, so older descriptors keep their digests) for every other kind
 */
public record FeatureDescriptor(
    String slug,
    String name,
    String version,
    String description,
    RuntimeKind runtime,
    String featureClass,
    List<ToolDescriptor> tools,
    List<HookDescriptor> hooks,
    List<TaskDescriptor> backgroundTasks,
    List<ProvidedService> providedServices,
    List<RequiredService> requiredServices,
    List<AuthorityRequest> authorities,
    @JsonInclude(JsonInclude.Include.NON_NULL) McpServer server) {

  /** A descriptor with no MCP server: every kind but {@code mcp_bridge}. */
  public FeatureDescriptor(
      String slug,
      String name,
      String version,
      String description,
      RuntimeKind runtime,
      String featureClass,
      List<ToolDescriptor> tools,
      List<HookDescriptor> hooks,
      List<TaskDescriptor> backgroundTasks,
      List<ProvidedService> providedServices,
      List<RequiredService> requiredServices,
      List<AuthorityRequest> authorities) {
    this(slug, name, version, description, runtime, featureClass, tools, hooks, backgroundTasks,
        providedServices, requiredServices, authorities, null);
  }

  public FeatureDescriptor {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    description = description == null ? "" : description;
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(featureClass, "featureClass");
    tools = List.copyOf(tools);
    hooks = List.copyOf(hooks);
    backgroundTasks = List.copyOf(backgroundTasks);
    providedServices = List.copyOf(providedServices);
    requiredServices = List.copyOf(requiredServices);
    authorities = List.copyOf(authorities);
  }
}
