package dev.yoi.examples.journal;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.HookContribution;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.feature.annotation.ToolContribution;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.state.StateStore;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An example user plugin: keeps a journal of every tool result and every turn in its own state
 * store, through two hooks, and lets the model read it back.
 */
@Feature(
    id = "journal",
    name = "Journal",
    version = "1.0.0",
    description = "Writes a line to its own journal for every tool result and every turn.")
@RequiresAuthority(
    value = AuthorityKind.STATE_STORE,
    scope = "journal",
    reason = "Keeps the journal on disk, one entry per tool result and per turn")
public final class JournalFeature implements FeatureModule {

  @Override
  public void install(InstallContext context) {
    Journal journal = new Journal(context.stateStore("journal"));
    context.hooks().register(new RecordToolResult(journal));
    context.hooks().register(new RecordTurn(journal));
    context.tools().register(new JournalRead(journal));
  }

  @HookContribution(name = "record-tool-result")
  static final class RecordToolResult implements ToolResultHook {
    private final Journal journal;

    RecordToolResult(Journal journal) {
      this.journal = journal;
    }

    @Override
    public void afterToolCall(ToolCallView call, ToolResult result) {
      journal.append("tool " + call.toolName() + (result.isError() ? " failed: " : " returned: ")
          + Journal.abbreviate(result.text()));
    }
  }

  @HookContribution(name = "record-turn")
  static final class RecordTurn implements TurnEndHook {
    private final Journal journal;

    RecordTurn(Journal journal) {
      this.journal = journal;
    }

    @Override
    public void onTurnEnd(TurnSummary turn) {
      journal.append("turn " + turn.turn() + (turn.aborted() ? " (aborted)" : "") + ": "
          + turn.toolCalls().size() + " tool call(s) for \"" + Journal.abbreviate(turn.userMessage()) + "\"");
    }
  }

  @ToolContribution(
      name = "JournalRead",
      description = "Reads the latest journal entries: one per tool result and per finished turn.",
      requires = AuthorityKind.STATE_STORE)
  static final class JournalRead implements Tool<JournalRead.Input> {
    record Input(@JsonPropertyDescription("How many of the latest entries (default 10)") Optional<Integer> last) {}

    private final Journal journal;

    JournalRead(Journal journal) {
      this.journal = journal;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      List<String> entries = journal.latest(Math.max(1, input.last().orElse(10)));
      return ToolResult.text(entries.isEmpty() ? "The journal is empty." : String.join("\n", entries));
    }
  }

  /** Entries under zero-padded sequence keys, so the store's key order is the journal's order. */
  static final class Journal {
    private final StateStore store;
    private long last;

    Journal(StateStore store) {
      this.store = store;
      // Continue after what a previous Pod wrote.
      this.last = store.entries().keySet().stream().mapToLong(Long::parseLong).max().orElse(0);
    }

    synchronized void append(String entry) {
      store.put(String.format("%010d", ++last), entry);
    }

    synchronized List<String> latest(int count) {
      List<Map.Entry<String, String>> all = List.copyOf(store.entries().entrySet());
      return all.subList(Math.max(0, all.size() - count), all.size()).stream()
          .map(e -> Long.parseLong(e.getKey()) + ". " + e.getValue())
          .collect(Collectors.toList());
    }

    static String abbreviate(String text) {
      String oneLine = text.replaceAll("\\s+", " ").strip();
      return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
  }
}
