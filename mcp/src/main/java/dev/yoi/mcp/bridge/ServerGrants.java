package dev.yoi.mcp.bridge;

import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.EnvVariable;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.McpServer;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a feature's grants do to its server process: the environment is built, not inherited
 * ({@code PATH}, {@code HOME} and the locale variables from the host, then what the descriptor
 * maps, a secret only while its {@code SECRET_REF} scope is granted), and each granted
 * {@code FILESYSTEM} scope is announced as an MCP root. {@code NETWORK} is a declaration the host
 * shows and records; a separate process is not confined by it.
 *
 * @param environment the variables the process gets, by name
 * @param roots the MCP roots announced, as {@code file:} URIs
 * @param notes what was left out and why (a secret not granted or without a value, a glob scope
 *     that cannot be a root), for the install report; never a secret's value
 */
public record ServerGrants(Map<String, String> environment, List<String> roots, List<String> notes) {
  public ServerGrants {
    environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    roots = List.copyOf(roots);
    notes = List.copyOf(notes);
  }

  /** Whether the host passes its own variable {@code name}: PATH, HOME, LANG, LANGUAGE, LC_*. */
  public static boolean inherited(String name) {
    return name.equals("PATH") || name.equals("HOME") || name.equals("LANG") || name.equals("LANGUAGE")
        || name.startsWith("LC_");
  }

  /** The environment and roots for {@code descriptor}'s server under {@code grants}. */
  public static ServerGrants of(
      FeatureDescriptor descriptor, Grants grants, SecretValues secrets, Map<String, String> host) {
    Map<String, String> environment = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    host.forEach((name, value) -> {
      if (inherited(name)) {
        environment.put(name, value);
      }
    });
    if (descriptor.server() instanceof McpServer.Stdio stdio) {
      for (EnvVariable variable : stdio.environment()) {
        if (!variable.usesSecret()) {
          environment.put(variable.name(), variable.value());
          continue;
        }
        environment.remove(variable.name());
        String label = AuthorityKind.SECRET_REF + ":" + variable.secret();
        if (!grants.has(AuthorityKind.SECRET_REF, variable.secret())) {
          notes.add(variable.name() + " is unset: " + label + " was not granted");
          continue;
        }
        Optional<String> value = secrets.value(variable.secret());
        if (value.isPresent()) {
          environment.put(variable.name(), value.get());
        } else {
          notes.add(variable.name() + " is unset: the host has no value for the secret \""
              + variable.secret() + "\"");
        }
      }
    }
    List<String> roots = new ArrayList<>();
    for (AuthorityRequest request : descriptor.authorities()) {
      if (request.kind() != AuthorityKind.FILESYSTEM || !grants.has(AuthorityKind.FILESYSTEM, request.scope())) {
        continue;
      }
      if (request.scope().isEmpty()) {
        roots.add(Path.of("/").toUri().toString()); // the whole kind: every file
      } else if (request.scope().matches(".*[*?\\[{].*") || !absolute(request.scope())) {
        notes.add(request.label() + " is granted but not announced as a root: a root is an absolute"
            + " directory, not a pattern");
      } else {
        roots.add(Path.of(request.scope()).toUri().toString());
      }
    }
    return new ServerGrants(environment, roots, notes);
  }

  private static boolean absolute(String path) {
    try {
      return Path.of(path).isAbsolute();
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }
}
