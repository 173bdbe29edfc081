package dev.yoi.processor.corpus;

import dev.yoi.processor.Compilations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;

/**
 * Feature sources with slots: {@code «slot|default»} anywhere in a line. Rendering replaces each
 * slot by an override or its default; {@link Rendered#line} says on which line of which file a slot
 * sits, so a case can say where its error must be without counting lines by hand. A slot may
 * appear several times (with the same default); its first place is its line.
 */
record Template(String name, List<File> files) {
  private static final Pattern SLOT = Pattern.compile("«([\\w.-]+)\\|(.*?)»");

  /** One source file: {@code p.Name} and the body after the package line and the shared imports. */
  record File(String qualifiedName, String body) {
    String path() {
      return qualifiedName.replace('.', '/') + ".java";
    }
  }

  Template {
    files = List.copyOf(files);
  }

  static Template of(String name, File... files) {
    return new Template(name, List.of(files));
  }

  static File file(String qualifiedName, String body) {
    return new File(qualifiedName, body);
  }

  /** Every slot with its default, in the order written. */
  Map<String, String> slots() {
    Map<String, String> slots = new LinkedHashMap<>();
    for (File f : files) {
      Matcher m = SLOT.matcher(f.body());
      while (m.find()) {
        String previous = slots.putIfAbsent(m.group(1), m.group(2));
        if (previous != null && !previous.equals(m.group(2))) {
          throw new IllegalStateException(name + ": slot " + m.group(1) + " has two defaults");
        }
      }
    }
    return slots;
  }

  /** The sources with {@code overrides} in place of the defaults. */
  Rendered render(Map<String, String> overrides) {
    Map<String, String> slots = slots();
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      if (!slots.containsKey(o.getKey())) {
        throw new IllegalArgumentException(name + " has no slot " + o.getKey() + "; it has " + slots.keySet());
      }
      if (o.getValue().indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a slot value stays on its line: " + o.getKey());
      }
    }
    List<JavaFileObject> sources = new ArrayList<>();
    Map<String, Location> locations = new LinkedHashMap<>();
    for (File f : files) {
      String body = f.body();
      String[] lines = Compilations.text(Compilations.java(f.qualifiedName(), "")).split("\n", -1);
      int headerLines = lines.length - 1; // the header ends with a newline
      String[] bodyLines = body.split("\n", -1);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < bodyLines.length; i++) {
        Matcher m = SLOT.matcher(bodyLines[i]);
        StringBuilder line = new StringBuilder();
        while (m.find()) {
          locations.putIfAbsent(m.group(1), new Location(f.path(), headerLines + i + 1));
          String value = overrides.getOrDefault(m.group(1), m.group(2));
          m.appendReplacement(line, Matcher.quoteReplacement(value));
        }
        m.appendTail(line);
        out.append(line);
        if (i < bodyLines.length - 1) {
          out.append('\n');
        }
      }
      sources.add(Compilations.java(f.qualifiedName(), out.toString()));
    }
    return new Rendered(sources, locations);
  }

  /** A line of a file, 1-based, as javac reports it. */
  record Location(String path, long line) {
    @Override
    public String toString() {
      return path + ":" + line;
    }
  }

  /** Rendered sources, and where each slot ended up. */
  record Rendered(List<JavaFileObject> sources, Map<String, Location> slotLocations) {
    Location line(String slot) {
      Location l = slotLocations.get(slot);
      if (l == null) {
        throw new IllegalArgumentException("no slot " + slot);
      }
      return l;
    }

    /** The one line of the sources that contains {@code text}. */
    Location lineContaining(String text) {
      Location found = null;
      for (JavaFileObject source : sources) {
        String[] lines = Compilations.text(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (lines[i].contains(text)) {
            if (found != null) {
              throw new IllegalArgumentException("\"" + text + "\" is on more than one line");
            }
            found = new Location(source.getName().replaceFirst("^/", ""), i + 1);
          }
        }
      }
      if (found == null) {
        throw new IllegalArgumentException("no line contains \"" + text + "\"");
      }
      return found;
    }

    /** The sources with line numbers, for a failure message. */
    String listing() {
      StringBuilder out = new StringBuilder();
      for (JavaFileObject source : sources) {
        out.append("--- ").append(source.getName()).append('\n');
        String[] lines = Compilations.text(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          out.append(String.format("%3d  %s%n", i + 1, lines[i]));
        }
      }
      return out.toString();
    }
  }
}
