package dev.yoi.builtins.memory;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.feature.annotation.ToolContribution;
import dev.yoi.pod.state.StateStore;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Notes the model keeps across turns and Pod restarts, in the durable {@code memory} state store.
 */
@Feature(
    id = "memory",
    name = "Memory",
    description = "Named notes the model writes, reads and searches; they survive Pod restarts.")
@RequiresAuthority(
    value = AuthorityKind.STATE_STORE,
    scope = "memory",
    reason = "Keeps the model's notes on disk so they survive a Pod restart")
public final class MemoryFeature implements FeatureModule {
  static final int MAX_KEY_LENGTH = 128;
  static final int DEFAULT_SEARCH_LIMIT = 10;

  @Override
  public void install(InstallContext context) {
    StateStore store = context.stateStore("memory");
    context.tools().register(new MemoryWrite(store));
    context.tools().register(new MemoryRead(store));
    context.tools().register(new MemorySearch(store));
    context.tools().register(new MemoryDelete(store));
  }

  @ToolContribution(
      name = "MemoryWrite",
      description = "Saves a note under a key, replacing any note with that key. Notes survive restarts.",
      requires = AuthorityKind.STATE_STORE)
  static final class MemoryWrite implements Tool<MemoryWrite.Input> {
    record Input(
        @JsonPropertyDescription("A short name for the note, e.g. \"user.home-city\"") String key,
        @JsonPropertyDescription("The note") String content) {}

    private final StateStore store;

    MemoryWrite(StateStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      Optional<String> badKey = checkKey(input.key());
      if (badKey.isPresent()) {
        return ToolResult.error(badKey.get());
      }
      boolean replaced = store.get(input.key()).isPresent();
      store.put(input.key(), input.content());
      return ToolResult.text((replaced ? "Replaced" : "Saved") + " memory \"" + input.key() + "\".");
    }
  }

  @ToolContribution(
      name = "MemoryRead",
      description = "Reads the note saved under a key.",
      requires = AuthorityKind.STATE_STORE)
  static final class MemoryRead implements Tool<MemoryRead.Input> {
    record Input(@JsonPropertyDescription("The note's key") String key) {}

    private final StateStore store;

    MemoryRead(StateStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      return store.get(input.key())
          .map(ToolResult::text)
          .orElseGet(() -> ToolResult.error(noSuchKey(store, input.key())));
    }
  }

  @ToolContribution(
      name = "MemorySearch",
      description = "Finds notes whose key or text contains the query's words (any case), best matches first.",
      requires = AuthorityKind.STATE_STORE)
  static final class MemorySearch implements Tool<MemorySearch.Input> {
    record Input(
        @JsonPropertyDescription("Words to look for") String query,
        @JsonPropertyDescription("At most this many notes (default 10)") Optional<Integer> limit) {}

    private final StateStore store;

    MemorySearch(StateStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      if (input.query().isBlank()) {
        return ToolResult.error("query is blank: give at least one word to look for");
      }
      List<String> words = List.of(input.query().toLowerCase(Locale.ROOT).strip().split("\\s+"));
      int limit = Math.max(1, input.limit().orElse(DEFAULT_SEARCH_LIMIT));
      List<Map.Entry<String, String>> hits = store.entries().entrySet().stream()
          .filter(entry -> score(entry, words) > 0)
          // Most words matched first; entries() is sorted by key, and the sort is stable.
          .sorted(Comparator.comparingInt((Map.Entry<String, String> entry) -> score(entry, words)).reversed())
          .limit(limit)
          .toList();
      if (hits.isEmpty()) {
        return ToolResult.text("No memory matches \"" + input.query() + "\".");
      }
      return ToolResult.text(hits.stream()
          .map(entry -> entry.getKey() + ": " + abbreviate(entry.getValue()))
          .collect(Collectors.joining("\n")));
    }

    private static int score(Map.Entry<String, String> entry, List<String> words) {
      String text = (entry.getKey() + "\n" + entry.getValue()).toLowerCase(Locale.ROOT);
      return (int) words.stream().filter(text::contains).count();
    }
  }

  @ToolContribution(
      name = "MemoryDelete",
      description = "Deletes the note saved under a key.",
      requires = AuthorityKind.STATE_STORE)
  static final class MemoryDelete implements Tool<MemoryDelete.Input> {
    record Input(@JsonPropertyDescription("The note's key") String key) {}

    private final StateStore store;

    MemoryDelete(StateStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      return store.remove(input.key())
          ? ToolResult.text("Deleted memory \"" + input.key() + "\".")
          : ToolResult.error(noSuchKey(store, input.key()));
    }
  }

  static Optional<String> checkKey(String key) {
    if (key.isBlank()) {
      return Optional.of("key is blank: name the note, e.g. \"user.home-city\"");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return Optional.of("key is " + key.length() + " characters long; keep it to " + MAX_KEY_LENGTH);
    }
    return Optional.empty();
  }

  private static String noSuchKey(StateStore store, String key) {
    List<String> keys = List.copyOf(store.entries().keySet());
    if (keys.isEmpty()) {
      return "no memory named \"" + key + "\"; nothing is saved yet (MemoryWrite saves a note)";
    }
    return "no memory named \"" + key + "\"; saved keys: "
        + String.join(", ", keys.subList(0, Math.min(keys.size(), 20)))
        + (keys.size() > 20 ? " and " + (keys.size() - 20) + " more (MemorySearch finds them)" : "");
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
  }
}
