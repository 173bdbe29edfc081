package dev.yoi.builtins.permissions;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The manifest's tool rules, compiled: a tool is allowed if no deny glob matches it and (when
 * there are allow globs) an allow glob does. Deny wins. Globs know {@code *} (any run of
 * characters) and {@code ?} (one character); everything else matches itself, ignoring case.
 *
 * <p>Tool names are case-sensitive identifiers, but a rule is a person's guard over a family of
 * names: {@code Shell*} must refuse a tool called {@code shell} or {@code SHELL_EXEC} too. Allow
 * and deny match alike, so one rule means the same on either list; an allow that also admits
 * another casing admits only tools installed and approved anyway, and deny still wins.
 */
final class ToolRules {
  private final List<String> allow;
  private final List<String> deny;
  private final List<Pattern> allowPatterns;
  private final List<Pattern> denyPatterns;

  private ToolRules(List<String> allow, List<String> deny) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
    this.allowPatterns = this.allow.stream().map(ToolRules::glob).toList();
    this.denyPatterns = this.deny.stream().map(ToolRules::glob).toList();
  }

  static ToolRules of(List<String> allow, List<String> deny) {
    return new ToolRules(allow, deny);
  }

  /** Whether these are the rules compiled from exactly these lists. */
  boolean compiledFrom(List<String> allow, List<String> deny) {
    return this.allow.equals(allow) && this.deny.equals(deny);
  }

  /** Why {@code toolName} may not be called, or empty if it may. */
  Optional<String> refusal(String toolName) {
    for (int i = 0; i < deny.size(); i++) {
      if (denyPatterns.get(i).matcher(toolName).matches()) {
        return Optional.of("tool \"" + toolName + "\" is denied by the Pod manifest (tools.deny \""
            + deny.get(i) + "\"); deny rules win over allow rules");
      }
    }
    if (allow.isEmpty() || allowPatterns.stream().anyMatch(p -> p.matcher(toolName).matches())) {
      return Optional.empty();
    }
    return Optional.of("tool \"" + toolName + "\" is not allowed by the Pod manifest: no tools.allow"
        + " rule matches it (allow: " + String.join(", ", allow) + ")");
  }

  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(quote(literal)).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    return Pattern.compile(regex.append(quote(literal)).toString(),
        Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static String quote(CharSequence literal) {
    return literal.length() == 0 ? "" : Pattern.quote(literal.toString());
  }
}
