package dev.yoi.descriptor;

import dev.yoi.feature.annotation.AuthorityKind;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a valid scope is, per authority kind: the one grammar the processor checks
 * {@code @RequiresAuthority(scope)} against and the runtime checks index lines against. Each
 * grammar is what the host can honour: a scope that could never match what the host grants by
 * (a store name with a {@code /}, a service id without its source) is refused when it is written,
 * not when the feature installs.
 *
 * <ul>
 *   <li>{@code STATE_STORE} (required): a store name, 1 to 64 letters, digits, {@code .}, {@code _}
 *       or {@code -}, starting with a letter or digit. It is a file name in the feature's own
 *       directory, so it cannot hold {@code /} or climb out with {@code ..}.
 *   <li>{@code SECRET_REF} (required): a secret id, 1 to 128 letters, digits, {@code .}, {@code _}
 *       or {@code -}, starting with a letter or digit.
 *   <li>{@code SERVICE_ACCESS} (required): a qualified service id, {@code source:slug}.
 *   <li>{@code FILESYSTEM} (optional): a path glob, absolute ({@code /srv/repos/**}) or under the
 *       home directory ({@code ~/notes/*.md}); segments separated by single {@code /}, none of
 *       them {@code .} or {@code ..}, no {@code \}, no trailing {@code /} except the root itself.
 *   <li>{@code NETWORK} (optional): a host, optionally {@code *.} for its subdomains and
 *       {@code :port}: lower-case DNS labels ({@code api.weather.example}, {@code *.example.org:443})
 *       or a bracketed IPv6 address ({@code [::1]:8080}).
 *   <li>{@code MODEL_NOTIFICATION}, {@code POD_MANAGEMENT}: no scope; the host grants them whole.
 * </ul>
 */
public final class AuthorityScopes {
  private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  private static final Pattern HOST = Pattern.compile(
      "(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-f:.]+\\]");
  private static final int MAX_HOST = 253;
  private static final int MAX_PATH = 1024;

  private AuthorityScopes() {}

  /** What a scope of {@code kind} is, for messages: {@code "<store name>" (e.g. "journal")}. */
  public static String example(AuthorityKind kind) {
    return switch (kind) {
      case STATE_STORE -> "\"<store name>\" (e.g. \"journal\")";
      case SECRET_REF -> "\"<secret id>\" (e.g. \"weather-api-key\")";
      case SERVICE_ACCESS -> "\"<qualified service id>\" (e.g. \"builtin:task-store\")";
      case FILESYSTEM -> "\"<path glob>\" (e.g. \"/srv/repos/**\" or \"~/notes/*.md\"), or no scope for every path";
      case NETWORK -> "\"<host>\" (e.g. \"api.weather.example\", \"*.example.org\" or \"api.example.org:443\"),"
          + " or no scope for every host";
      case MODEL_NOTIFICATION, POD_MANAGEMENT -> "nothing: " + kind + " takes no scope";
    };
  }

  /**
   * The problem with {@code scope} as the scope of a {@code kind} request, if any:
   * {@code yoi/missing-scope} (a kind that needs one has none or a blank one),
   * {@code yoi/control-character} (see {@link ControlCharacters}) or {@code yoi/invalid-scope}.
   */
  public static Optional<Problem> check(AuthorityKind kind, String scope) {
    if (scope.isBlank() && kind.scopeRequired()) {
      return Optional.of(new Problem(DiagnosticCode.MISSING_SCOPE, kind + " is always granted for"
          + " one " + noun(kind) + ", so it needs a scope: write scope = " + example(kind)));
    }
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    Optional<Problem> control = ControlCharacters.checkLine(kind + " scope", scope);
    if (control.isPresent()) {
      return control;
    }
    return grammar(kind, scope).map(why -> new Problem(DiagnosticCode.INVALID_SCOPE,
        kind + " scope " + ControlCharacters.quote(scope) + " " + why));
  }

  /** Why {@code scope} (non-empty, one line) is not a scope of {@code kind}, if it is not. */
  private static Optional<String> grammar(AuthorityKind kind, String scope) {
    return switch (kind) {
      case STATE_STORE -> STORE_NAME.matcher(scope).matches() ? Optional.empty()
          : Optional.of("is not a store name: use 1 to 64 letters, digits, '.', '_' or '-', starting"
              + " with a letter or digit (e.g. \"journal\"); the store is a file in the feature's own"
              + " directory, so a name cannot hold '/' or start with '.'");
      case SECRET_REF -> SECRET_ID.matcher(scope).matches() ? Optional.empty()
          : Optional.of("is not a secret id: use 1 to 128 letters, digits, '.', '_' or '-', starting"
              + " with a letter or digit (e.g. \"weather-api-key\")");
      case SERVICE_ACCESS -> Names.QUALIFIED_ID.matcher(scope).matches() ? Optional.empty()
          : Optional.of("is not a qualified service id: use source:slug, where source is builtin,"
              + " user or project (e.g. \"builtin:task-store\"), the id the feature requires the"
              + " service by");
      case FILESYSTEM -> pathGlob(scope);
      case NETWORK -> host(scope);
      case MODEL_NOTIFICATION, POD_MANAGEMENT -> Optional.of("means nothing: " + kind
          + " takes no scope (the host grants it whole, and a scope in the permission prompt would"
          + " promise a limit nobody enforces); remove the scope");
    };
  }

  private static Optional<String> pathGlob(String scope) {
    String fix = "; write an absolute path glob such as \"/srv/repos/**\" or one under the home"
        + " directory such as \"~/notes/*.md\", or no scope for every path";
    if (scope.length() > MAX_PATH) {
      return Optional.of("is longer than " + MAX_PATH + " characters" + fix);
    }
    if (!scope.strip().equals(scope)) {
      return Optional.of("starts or ends with white space" + fix);
    }
    if (scope.indexOf('\\') >= 0) {
      return Optional.of("holds '\\'; separate segments with '/'" + fix);
    }
    String rest;
    if (scope.equals("/") || scope.equals("~")) {
      return Optional.empty();
    } else if (scope.startsWith("/")) {
      rest = scope.substring(1);
    } else if (scope.startsWith("~/")) {
      rest = scope.substring(2);
    } else {
      return Optional.of("is not absolute: it must start with '/' or '~/'" + fix);
    }
    for (String segment : rest.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("has an empty segment ('//' or a trailing '/')" + fix);
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("has a '" + segment + "' segment, which would make the same path look"
            + " narrower or wider than it is" + fix);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> host(String scope) {
    String fix = "; write a lower-case host such as \"api.weather.example\", \"*.example.org\" or"
        + " \"api.example.org:443\", or no scope for every host";
    String host = scope;
    int colon = scope.lastIndexOf(':');
    if (colon >= 0 && (scope.charAt(0) != '[' || scope.lastIndexOf(']') < colon)) {
      host = scope.substring(0, colon);
      String port = scope.substring(colon + 1);
      if (!port.matches("[1-9][0-9]{0,4}") || Integer.parseInt(port) > 65535) {
        return Optional.of("has port \"" + port + "\", which is not a port from 1 to 65535" + fix);
      }
    }
    if (host.length() > MAX_HOST || !HOST.matcher(host).matches()) {
      return Optional.of("is not a host name (DNS labels of lower-case letters, digits and '-',"
          + " separated by '.', optionally \"*.\" first for every subdomain) or a bracketed IPv6"
          + " address" + fix);
    }
    return Optional.empty();
  }

  private static String noun(AuthorityKind kind) {
    return switch (kind) {
      case STATE_STORE -> "store";
      case SECRET_REF -> "secret";
      case SERVICE_ACCESS -> "service";
      default -> "scope";
    };
  }
}
