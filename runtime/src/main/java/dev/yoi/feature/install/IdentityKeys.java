package dev.yoi.feature.install;

import dev.yoi.descriptor.Identities;
import dev.yoi.descriptor.Identities.Namespace;
import dev.yoi.feature.FeatureSource;

/**
 * The registry's names as the descriptor module's {@link Identities} keys them: the one meaning of
 * a name conflict for the processor, {@code yoi verify} and the runtime. A tool name is global (the
 * model sees one list); a service id is qualified by the source its provider is installed from, so
 * {@code user:cache} and {@code project:cache} are two services.
 */
final class IdentityKeys {
  private IdentityKeys() {}

  static Identities.Key tool(FeatureSource source, String name) {
    return key(Namespace.TOOL_NAME, source, name);
  }

  /** The service {@code slug} a feature installed from {@code source} provides. */
  static Identities.Key service(FeatureSource source, String slug) {
    return key(Namespace.SERVICE_ID, source, slug);
  }

  /** The service a consumer names by its qualified id, e.g. {@code builtin:task-store}. */
  static Identities.Key service(String qualifiedId) {
    return service(FeatureSource.ofQualifiedId(qualifiedId), qualifiedId.substring(qualifiedId.indexOf(':') + 1));
  }

  private static Identities.Key key(Namespace namespace, FeatureSource source, String name) {
    return Identities.key(namespace, Identities.Origin.source(source.prefix()), name).orElseThrow();
  }
}
