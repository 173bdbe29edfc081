package dev.yoi.feature.annotation;

/** A host authority a feature can request with {@link RequiresAuthority}. */
public enum AuthorityKind {
  /** Read and write files; scope: an optional path glob starting with {@code /} or {@code ~/}. */
  FILESYSTEM(false),
  /** Open network connections; scope: an optional lower-case host, {@code *.host} or {@code host:port}. */
  NETWORK(false),
  /** Read one secret through the host's resolver; scope (required): the secret id. */
  SECRET_REF(true),
  /** Add system items to the model's history. Takes no scope. */
  MODEL_NOTIFICATION(false),
  /** Read or change the Pod's own configuration (its manifest). Takes no scope. */
  POD_MANAGEMENT(false),
  /** A durable key-value store under the Pod's data directory; scope (required): the store name. */
  STATE_STORE(true),
  /** Use a privileged service; scope (required): the qualified service id. */
  SERVICE_ACCESS(true);

  private final boolean scopeRequired;

  AuthorityKind(boolean scopeRequired) {
    this.scopeRequired = scopeRequired;
  }

  /** Whether a request of this kind must name a scope. */
  public boolean scopeRequired() {
    return scopeRequired;
  }
}
