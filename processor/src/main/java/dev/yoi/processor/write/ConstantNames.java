package dev.yoi.processor.write;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Java constant names for contribution names: {@code TaskCreate} and {@code task-create} give {@code TASK_CREATE}. */
final class ConstantNames {
  private final Set<String> used = new HashSet<>();

  ConstantNames(String... reserved) {
    used.addAll(Set.of(reserved));
  }

  /** {@code prefix + "_" + NAME}, with {@code _2}, {@code _3}.. when two names collapse to one. */
  String next(String prefix, String name) {
    String base = prefix + "_" + constantCase(name);
    String candidate = base;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = base + "_" + n;
    }
    return candidate;
  }

  static String constantCase(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        out.append('_');
        continue;
      }
      boolean boundary = i > 0 && Character.isUpperCase(c)
          && (Character.isLowerCase(name.charAt(i - 1))
              || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                  && Character.isUpperCase(name.charAt(i - 1))));
      if (boundary && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
