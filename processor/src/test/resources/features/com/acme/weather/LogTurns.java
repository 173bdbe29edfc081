package com.acme.weather;

import dev.yoi.feature.annotation.HookContribution;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.hook.TurnSummary;

/** A contribution declared outside its feature, with feature = ...: the owner is named. */
@HookContribution(name = "log-turns", feature = WeatherFeature.class)
final class LogTurns implements TurnEndHook {
  @Override
  public void onTurnEnd(TurnSummary turn) {}
}
