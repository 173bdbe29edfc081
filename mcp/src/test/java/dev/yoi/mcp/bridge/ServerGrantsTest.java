package dev.yoi.mcp.bridge;

import static dev.yoi.mcp.bridge.Fixtures.authority;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.EnvVariable;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.annotation.AuthorityKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What grants do to a server process, without starting one. */
class ServerGrantsTest {
  static FeatureDescriptor bridge(List<EnvVariable> environment, List<AuthorityRequest> authorities) {
    return new FeatureDescriptor("s", "S", "1.0.0", "", RuntimeKind.MCP_BRIDGE, "", List.of(), List.of(), List.of(),
        List.of(), List.of(), authorities, new McpServer.Stdio("s", List.of(), "", environment));
  }

  static final Map<String, String> HOST = Map.of("PATH", "/usr/bin", "HOME", "/home/me", "LANG", "en_GB.UTF-8",
      "LC_TIME", "de_DE.UTF-8", "LANGUAGE", "en", "GITHUB_TOKEN", "ghp_host", "SSH_AUTH_SOCK", "/tmp/agent",
      "USER", "me", "LD_PRELOAD", "/tmp/evil.so");

  @Test
  void onlyPathHomeAndLocaleComeFromTheHost() {
    ServerGrants grants = ServerGrants.of(bridge(List.of(), List.of()), Fixtures.granting(), Fixtures.noSecrets(), HOST);

    assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/me", "LANG", "en_GB.UTF-8", "LC_TIME", "de_DE.UTF-8",
        "LANGUAGE", "en"), grants.environment());
  }

  @Test
  void aSecretIsPassedOnlyWhileItsScopeIsGranted() {
    FeatureDescriptor d = bridge(
        List.of(EnvVariable.fromSecret("A", "a"), EnvVariable.fromSecret("B", "b"), EnvVariable.fromSecret("C", "c")),
        List.of(authority(AuthorityKind.SECRET_REF, "a", false), authority(AuthorityKind.SECRET_REF, "b", true),
            authority(AuthorityKind.SECRET_REF, "c", true)));
    SecretValues values = id -> id.equals("c") ? Optional.empty() : Optional.of("value-" + id);

    ServerGrants grants = ServerGrants.of(d, Fixtures.granting("SECRET_REF:a", "SECRET_REF:c"), values, Map.of());

    assertEquals(Map.of("A", "value-a"), grants.environment());
    assertEquals(List.of("B is unset: SECRET_REF:b was not granted",
        "C is unset: the host has no value for the secret \"c\""), grants.notes());
  }

  @Test
  void aMappedVariableReplacesTheHostsAndADeniedSecretRemovesIt() {
    FeatureDescriptor d = bridge(List.of(EnvVariable.literal("LANG", "C"), EnvVariable.fromSecret("HOME", "h")),
        List.of(authority(AuthorityKind.SECRET_REF, "h", true)));

    ServerGrants grants = ServerGrants.of(d, Fixtures.granting(), Fixtures.noSecrets(), HOST);

    assertEquals("C", grants.environment().get("LANG"));
    assertEquals(null, grants.environment().get("HOME"));
  }

  @Test
  void grantedFilesystemScopesAreRootsAndPatternsAreNot() {
    FeatureDescriptor d = bridge(List.of(), List.of(authority(AuthorityKind.FILESYSTEM, "/srv/data", false),
        authority(AuthorityKind.FILESYSTEM, "/srv/other", true), authority(AuthorityKind.FILESYSTEM, "/srv/*.log", false)));

    ServerGrants grants = ServerGrants.of(d, Fixtures.granting("FILESYSTEM:/srv/data", "FILESYSTEM:/srv/*.log"),
        Fixtures.noSecrets(), Map.of());

    assertEquals(List.of(Path.of("/srv/data").toUri().toString()), grants.roots());
    assertEquals(List.of("FILESYSTEM:/srv/*.log is granted but not announced as a root: a root is an absolute"
        + " directory, not a pattern"), grants.notes());
  }
}
