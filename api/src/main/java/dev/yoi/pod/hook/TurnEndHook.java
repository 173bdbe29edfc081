package dev.yoi.pod.hook;

/** Runs when a turn ends. A hook that throws is reported, not fatal. */
@FunctionalInterface
public interface TurnEndHook {
  void onTurnEnd(TurnSummary turn) throws Exception;
}
