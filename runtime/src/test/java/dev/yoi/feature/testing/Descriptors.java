package dev.yoi.feature.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.annotation.AuthorityKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made descriptors and index lines, for the registry layers that read indexes only (catalog,
 * lock, service resolution). Their descriptor classes do not exist; features that get as far as
 * loading code use {@link FeatureCompiler} instead.
 */
public final class Descriptors {
  private Descriptors() {}

  public static Builder feature(String slug) {
    return new Builder(slug);
  }

  public static final class Builder {
    private final String slug;
    private String version = "1.0.0";
    private String description = "";
    private RuntimeKind runtime = RuntimeKind.JVM_PLUGIN;
    private final List<ToolDescriptor> tools = new ArrayList<>();
    private final List<HookDescriptor> hooks = new ArrayList<>();
    private final List<TaskDescriptor> tasks = new ArrayList<>();
    private final List<ProvidedService> provided = new ArrayList<>();
    private final List<RequiredService> required = new ArrayList<>();
    private final List<AuthorityRequest> authorities = new ArrayList<>();

    private Builder(String slug) {
      this.slug = slug;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder runtime(RuntimeKind runtime) {
      this.runtime = runtime;
      return this;
    }

    public Builder tool(String name) {
      return tool(name, "{\"type\":\"object\",\"additionalProperties\":false}");
    }

    public Builder tool(String name, String schema, AuthorityKind... requires) {
      JsonNode tree = CanonicalJson.parse(schema);
      tools.add(new ToolDescriptor(name, "Tool " + name, pkg() + "Tools$" + name,
          JsonNode.class.getName(), tree, List.of(requires)));
      return this;
    }

    public Builder provides(String id, String version) {
      return provides(id, version, false);
    }

    public Builder provides(String id, String version, boolean privileged) {
      provided.add(new ProvidedService(id, version, "test.api.Service", privileged, pkg() + "Provider$" + id));
      return this;
    }

    public Builder requires(String id, String range) {
      required.add(new RequiredService(id, range, "test.api.Service", false, "needs " + id));
      return this;
    }

    public Builder requiresOptional(String id, String range) {
      required.add(new RequiredService(id, range, "test.api.Service", true, "likes " + id));
      return this;
    }

    public Builder authority(AuthorityKind kind, String scope, boolean optional) {
      authorities.add(new AuthorityRequest(kind, scope, optional, "because " + kind));
      return this;
    }

    public FeatureDescriptor build() {
      return new FeatureDescriptor(slug, "Feature " + slug, version, description, runtime,
          pkg() + "Feature", tools, hooks, tasks, provided, required, authorities);
    }

    public IndexLine line() {
      return IndexLine.of("test", pkg() + "Feature_FeatureDescriptor", build());
    }

    private String pkg() {
      return "test." + slug.replace('-', '_') + ".";
    }
  }
}
