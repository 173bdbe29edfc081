package dev.yoi.feature.install;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.AuthorityDeniedException;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;

/**
 * A feature's authority-gated handles: each is the host's, handed out only with the grant that
 * covers it, and otherwise an {@link AuthorityDeniedException} saying which grant is missing and
 * how to request it. Gates at use, so they hold during install and after.
 */
final class AuthorityGates {
  private final String featureId;
  private final Grants grants;
  private final HostSurfaces host;

  AuthorityGates(String featureId, Grants grants, HostSurfaces host) {
    this.featureId = featureId;
    this.grants = grants;
    this.host = host;
  }

  /** Store {@code name}, with {@code STATE_STORE:name}. */
  StateStore stateStore(String name) {
    if (name == null || !grants.has(AuthorityKind.STATE_STORE, name)) {
      throw denied("open the state store \"" + name + "\"", AuthorityKind.STATE_STORE, String.valueOf(name));
    }
    return host.stateStore(featureId, name);
  }

  /** Secret {@code id}, with {@code SECRET_REF:id}. */
  Secret secret(String id) {
    if (id == null || !grants.has(AuthorityKind.SECRET_REF, id)) {
      throw denied("read the secret \"" + id + "\"", AuthorityKind.SECRET_REF, String.valueOf(id));
    }
    return host.secret(featureId, id);
  }

  /** The manifest's tool rules, with {@code POD_MANAGEMENT}. */
  ManifestView manifest() {
    requireAny(AuthorityKind.POD_MANAGEMENT, "read the Pod manifest");
    return host.manifest();
  }

  /** Passes if the feature holds any grant of {@code kind}; else throws, saying it tried to {@code what}. */
  void requireAny(AuthorityKind kind, String what) {
    if (!grants.hasAny(kind)) {
      throw denied(what, kind, "");
    }
  }

  private AuthorityDeniedException denied(String what, AuthorityKind kind, String scope) {
    String annotation = "@RequiresAuthority(value = AuthorityKind." + kind.name()
        + (scope.isEmpty() ? "" : ", scope = \"" + scope + "\"") + ", reason = \"...\")";
    return new AuthorityDeniedException(DiagnosticCode.AUTHORITY_DENIED.format("feature " + featureId
        + " tried to " + what + " without the grant " + new AuthorityLabel(kind, scope) + ". Request it"
        + " with " + annotation + " on the feature class; a user or project feature then needs approval"
        + " of the new request (yoi approve " + featureId + " --lock <lock file>)."));
  }
}
