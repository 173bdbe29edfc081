package dev.yoi.descriptor;

import dev.yoi.feature.annotation.AuthorityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether one scope of an authority kind reaches further than another: what marks a widening
 * ({@code !}) when a person re-approves a changed feature. The one owner of "is scope B wider than
 * scope A", per kind, beside the scope grammar: {@link AuthorityScopes} says what a valid scope is,
 * this class how two valid scopes compare (an empty scope is the whole kind).
 *
 * <ul>
 *   <li>{@code FILESYSTEM}: path globs, segment by segment: {@code **} is any number of segments,
 *       {@code *} any characters within one, {@code ?} one character. {@code /**} reaches every
 *       path, the home directory ({@code ~/..}) too. So {@code /srv/repos/**} to {@code /**} widens.
 *   <li>{@code NETWORK}: a host, optionally {@code *.} for its subdomains and {@code :port}. A
 *       scope without a port reaches every port. A wildcard {@code *.example.org} is read as
 *       reaching {@code example.org} itself too, the wider reading, so that a host becoming its
 *       wildcard ({@code api.example.org} or {@code example.org} to {@code *.example.org}) is always
 *       shown as the widening it is in practice.
 *   <li>{@code SECRET_REF}, {@code STATE_STORE}, {@code SERVICE_ACCESS}: a scope names one thing;
 *       no scope reaches another.
 * </ul>
 *
 * Every answer errs toward "wider": a scope this class cannot read (outside the grammar) covers
 * only itself, so a change to or from it is never called a narrowing.
 */
public final class ScopeWidening {
  private ScopeWidening() {}

  /**
   * Whether {@code to} reaches everything {@code from} reaches, and more: the change from an
   * approved scope to a requested one that the person must not miss.
   */
  public static boolean widens(AuthorityKind kind, String from, String to) {
    return !from.equals(to) && covers(kind, to, from) && !covers(kind, from, to);
  }

  /** Whether {@code outer} reaches everything {@code inner} reaches (false when that cannot be shown). */
  public static boolean covers(AuthorityKind kind, String outer, String inner) {
    if (outer.isEmpty()) {
      return true; // the whole kind
    }
    if (inner.isEmpty() || outer.equals(inner)) {
      return outer.equals(inner);
    }
    return switch (kind) {
      case FILESYSTEM -> Glob.parse(outer).flatMap(o -> Glob.parse(inner).map(o::covers)).orElse(false);
      case NETWORK -> Host.parse(outer).flatMap(o -> Host.parse(inner).map(o::covers)).orElse(false);
      default -> false;
    };
  }

  /** A path glob: its root ({@code /} or {@code ~}) and its segments. */
  private record Glob(String root, List<String> segments) {
    static Optional<Glob> parse(String scope) {
      String root;
      String rest;
      if (scope.equals("/") || scope.equals("~")) {
        return Optional.of(new Glob(scope, List.of()));
      } else if (scope.startsWith("/")) {
        root = "/";
        rest = scope.substring(1);
      } else if (scope.startsWith("~/")) {
        root = "~";
        rest = scope.substring(2);
      } else {
        return Optional.empty();
      }
      List<String> segments = new ArrayList<>();
      for (String segment : rest.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
          return Optional.empty();
        }
        segments.add(segment);
      }
      return Optional.of(new Glob(root, List.copyOf(segments)));
    }

    boolean covers(Glob inner) {
      if (!root.equals(inner.root)) {
        // The home directory is somewhere under /: only a glob reaching every path is sure to cover it.
        return root.equals("/") && segments.equals(List.of("**"));
      }
      return new SegmentMatch(segments, inner.segments).covers(0, 0);
    }
  }

  /** Whether outer segments {@code [i..]} cover inner segments {@code [j..]}, memoised. */
  private static final class SegmentMatch {
    private final List<String> outer;
    private final List<String> inner;
    private final Boolean[][] memo;

    SegmentMatch(List<String> outer, List<String> inner) {
      this.outer = outer;
      this.inner = inner;
      this.memo = new Boolean[outer.size() + 1][inner.size() + 1];
    }

    boolean covers(int i, int j) {
      if (memo[i][j] != null) {
        return memo[i][j];
      }
      boolean result;
      if (i == outer.size()) {
        result = j == inner.size();
      } else if (outer.get(i).equals("**")) {
        result = covers(i + 1, j) || (j < inner.size() && covers(i, j + 1));
      } else if (j == inner.size() || inner.get(j).equals("**")) {
        result = false; // one segment never reaches "any number of segments"
      } else {
        result = segmentCovers(outer.get(i), inner.get(j)) && covers(i + 1, j + 1);
      }
      memo[i][j] = result;
      return result;
    }
  }

  /** Whether one segment pattern ({@code *}, {@code ?}) covers another; other glob syntax only itself. */
  private static boolean segmentCovers(String outer, String inner) {
    if (outer.equals(inner)) {
      return true;
    }
    if (hasOtherGlobSyntax(outer) || hasOtherGlobSyntax(inner)) {
      return false;
    }
    Boolean[][] memo = new Boolean[outer.length() + 1][inner.length() + 1];
    return charsCover(outer, inner, 0, 0, memo);
  }

  private static boolean charsCover(String p, String q, int a, int b, Boolean[][] memo) {
    if (memo[a][b] != null) {
      return memo[a][b];
    }
    boolean result;
    if (a == p.length()) {
      result = b == q.length();
    } else if (p.charAt(a) == '*') {
      // '*' takes any run of the inner pattern, its own wildcards included.
      result = charsCover(p, q, a + 1, b, memo) || (b < q.length() && charsCover(p, q, a, b + 1, memo));
    } else if (b == q.length()) {
      result = false;
    } else if (p.charAt(a) == '?') {
      result = q.charAt(b) != '*' && charsCover(p, q, a + 1, b + 1, memo);
    } else {
      result = p.charAt(a) == q.charAt(b) && q.charAt(b) != '*' && q.charAt(b) != '?'
          && charsCover(p, q, a + 1, b + 1, memo);
    }
    memo[a][b] = result;
    return result;
  }

  private static boolean hasOtherGlobSyntax(String segment) {
    return segment.indexOf('[') >= 0 || segment.indexOf('{') >= 0;
  }

  /** A network scope: a host (exact, {@code *.domain} or a bracketed address) and an optional port. */
  private record Host(String name, boolean wildcard, String port) {
    static Optional<Host> parse(String scope) {
      String host = scope;
      String port = "";
      int colon = scope.lastIndexOf(':');
      if (colon >= 0 && (scope.charAt(0) != '[' || scope.lastIndexOf(']') < colon)) {
        host = scope.substring(0, colon);
        port = scope.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}")) {
          return Optional.empty();
        }
      }
      if (host.startsWith("[")) {
        return host.endsWith("]") ? Optional.of(new Host(host, false, port)) : Optional.empty();
      }
      boolean wildcard = host.startsWith("*.");
      String name = wildcard ? host.substring(2) : host;
      if (name.isEmpty() || !name.matches("[A-Za-z0-9.-]+") || name.startsWith(".") || name.endsWith(".")) {
        return Optional.empty();
      }
      return Optional.of(new Host(name.toLowerCase(Locale.ROOT), wildcard, port));
    }

    boolean covers(Host inner) {
      if (!port.isEmpty() && !port.equals(inner.port)) {
        return false;
      }
      if (!wildcard) {
        return !inner.wildcard && name.equals(inner.name);
      }
      return inner.name.equals(name) || inner.name.endsWith("." + name);
    }
  }
}
