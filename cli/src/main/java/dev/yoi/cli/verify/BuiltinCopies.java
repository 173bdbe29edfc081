package dev.yoi.cli.verify;

import dev.yoi.cli.index.FoundFeature;
import dev.yoi.cli.index.Locations;
import dev.yoi.descriptor.RuntimeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The builtins inside yoi that the verified jars hold themselves: {@code yoi verify} on the
 * builtins' own jar (or a class directory of their build) must not find each builtin a duplicate of
 * itself. A verified feature is the same feature as a builtin when its index line has the builtin's
 * slug and digest; it is another build of that builtin when it has the slug and declares the
 * {@code builtin} runtime (only the builtins' build does). Either way the builtin is not counted a
 * second time, and a note says why.
 *
 * @param others the builtins that are not in the verified jars, still counted as installed
 * @param notes one per jar or directory that holds builtins, for the person reading the output
 */
record BuiltinCopies(List<FoundFeature> others, List<String> notes) {
  static BuiltinCopies of(List<FoundFeature> verified, List<FoundFeature> builtins) {
    List<FoundFeature> others = new ArrayList<>();
    Map<String, List<String>> same = new TreeMap<>();
    Map<String, List<String>> rebuilt = new TreeMap<>();
    for (FoundFeature builtin : builtins) {
      FoundFeature copy = null;
      boolean identical = false;
      for (FoundFeature feature : verified) {
        if (!feature.line().slug().equals(builtin.line().slug())) {
          continue;
        }
        if (feature.line().digest().equals(builtin.line().digest())) {
          copy = feature;
          identical = true;
          break;
        }
        if (feature.descriptor().runtime() == RuntimeKind.BUILTIN) {
          copy = feature;
        }
      }
      if (copy == null) {
        others.add(builtin);
      } else {
        (identical ? same : rebuilt).computeIfAbsent(Locations.display(copy.location()), l -> new ArrayList<>())
            .add(builtin.id());
      }
    }
    List<String> notes = new ArrayList<>();
    same.forEach((location, ids) -> notes.add("note: " + location + " holds yoi's own builtins ("
        + String.join(", ", ids) + "): the same index lines, with the same digests, as built into this"
        + " yoi. Each is checked once, not as a duplicate of itself. A host takes builtins from its"
        + " own class path, not as plugins."));
    rebuilt.forEach((location, ids) -> notes.add("note: " + location + " holds another build of"
        + " yoi's builtins (" + String.join(", ", ids) + "; their digests differ from this yoi's)."
        + " They are checked on their own, not as duplicates of the builtins inside yoi. A host"
        + " takes builtins from its own class path, not as plugins."));
    return new BuiltinCopies(List.copyOf(others), List.copyOf(notes));
  }
}
