package com.acme.weather;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.BackgroundTaskContribution;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.HookContribution;
import dev.yoi.feature.annotation.ProvidesService;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.feature.annotation.RequiresService;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.annotation.ToolContribution;
import dev.yoi.pod.hook.PreToolCallDecision;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.task.TaskContext;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.util.List;
import java.util.Optional;

/** A feature that uses every annotation: the golden test's input. */
@Feature(id = "weather", name = "Weather", version = "1.2.0", description = "Current weather by city")
@RequiresAuthority(value = AuthorityKind.NETWORK, scope = "api.weather.example", reason = "Fetches the forecast")
@RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "weather-cache", optional = true,
    reason = "Keeps recent forecasts")
@RequiresService(id = "builtin:units", version = "^1.2", type = Units.class, reason = "Converts units")
@RequiresService(id = "project:geo", version = ">=1.0 <2.0", type = Units.class, optional = true,
    reason = "Resolves city names")
public final class WeatherFeature implements FeatureModule {
  @Override
  public void install(InstallContext context) {
    context.tools().register(new Forecast());
    context.tools().register(new RawQuery());
    context.hooks().register(new Audit());
    context.hooks().register(new LogTurns());
    context.backgroundTasks().register(new Refresh());
    context.services().provide(ForecastCache.class, new Cache());
  }

  @ToolContribution(name = "Forecast", description = "Weather for a city",
      requires = {AuthorityKind.NETWORK})
  public static final class Forecast implements Tool<Forecast.Input> {
    public enum Units { METRIC, IMPERIAL }

    public record Input(
        @JsonPropertyDescription("City name, e.g. Lisbon") String city,
        @JsonProperty("days_ahead") Optional<Integer> days,
        Units units,
        List<String> fields) {}

    @Override
    public ToolResult call(Input input, ToolContext context) {
      return ToolResult.text("sunny in " + input.city());
    }
  }

  @ToolContribution(name = "weather_raw", description = "Free-form query",
      requires = {AuthorityKind.NETWORK, AuthorityKind.STATE_STORE})
  static final class RawQuery implements Tool<JsonNode> {
    @Override
    public ToolResult call(JsonNode input, ToolContext context) {
      return ToolResult.text(input.toString());
    }
  }

  @HookContribution(name = "audit", order = 10)
  static final class Audit implements PreToolCallHook {
    @Override
    public PreToolCallDecision beforeToolCall(ToolCallView call) {
      return PreToolCallDecision.allow();
    }
  }

  @BackgroundTaskContribution(name = "refresh", description = "Refreshes cached forecasts",
      every = "PT5M", restart = RestartPolicy.ALWAYS)
  static final class Refresh implements BackgroundTask {
    @Override
    public void run(TaskContext context) {}
  }

  @ProvidesService(id = "forecast-cache", version = "1.0.0", type = ForecastCache.class)
  static final class Cache implements ForecastCache {
    @Override
    public Optional<String> cached(String city) {
      return Optional.empty();
    }
  }
}
