package dev.yoi.examples.weather;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.feature.annotation.ToolContribution;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.util.Locale;
import java.util.Optional;

/**
 * An example project plugin: a weather tool. It requests the network for one host, and (optionally)
 * the secret holding that host's API key.
 *
 * <p>It never opens a connection: an example must run anywhere, offline and repeatably. It answers
 * with deterministic sample data derived from the city name, and says whether a key was granted
 * and configured, which is where a real plugin would call {@link #HOST}.
 */
@Feature(
    id = "weather",
    name = "Weather",
    version = "1.0.0",
    description = "Current weather and a short forecast by city (sample data: the example never calls the network).")
@RequiresAuthority(
    value = AuthorityKind.NETWORK,
    scope = WeatherFeature.HOST,
    reason = "Fetches forecasts from " + WeatherFeature.HOST)
@RequiresAuthority(
    value = AuthorityKind.SECRET_REF,
    scope = WeatherFeature.API_KEY,
    optional = true,
    reason = "Authenticates to " + WeatherFeature.HOST + "; without it the tool answers with sample data")
public final class WeatherFeature implements FeatureModule {
  static final String HOST = "api.weather.example";
  static final String API_KEY = "weather-api-key";

  @Override
  public void install(InstallContext context) {
    // The secret is optional: ask for the handle only if the approval granted it.
    Optional<Secret> key = context.grants().has(AuthorityKind.SECRET_REF, API_KEY)
        ? Optional.of(context.secret(API_KEY))
        : Optional.empty();
    context.tools().register(new Forecast(key));
  }

  @ToolContribution(
      name = "WeatherForecast",
      description = "Current conditions and a daily forecast for a city.",
      requires = AuthorityKind.NETWORK)
  static final class Forecast implements Tool<Forecast.Input> {
    enum Units {
      CELSIUS,
      FAHRENHEIT
    }

    record Input(
        @JsonPropertyDescription("The city, e.g. \"Lisbon\"") String city,
        @JsonPropertyDescription("Days of forecast, 1 to 7 (default 3)") Optional<Integer> days,
        @JsonPropertyDescription("Temperature units (default CELSIUS)") Optional<Units> units) {}

    private static final String[] CONDITIONS = {"sunny", "partly cloudy", "cloudy", "light rain", "windy"};

    private final Optional<Secret> apiKey;

    Forecast(Optional<Secret> apiKey) {
      this.apiKey = apiKey;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      String city = input.city().strip();
      if (city.isEmpty()) {
        return ToolResult.error("city is blank: name a city, e.g. \"Lisbon\"");
      }
      int days = input.days().orElse(3);
      if (days < 1 || days > 7) {
        return ToolResult.error("days is " + days + "; ask for 1 to 7 days");
      }
      Units units = input.units().orElse(Units.CELSIUS);
      boolean keyed = apiKey.flatMap(Secret::value).isPresent();
      StringBuilder out = new StringBuilder()
          .append("Weather for ").append(city)
          .append(keyed ? " (sample data; an API key is configured, a real plugin would call "
              : " (sample data; no API key configured for ")
          .append(HOST).append("):");
      int seed = Math.floorMod(city.toLowerCase(Locale.ROOT).hashCode(), 1_000_003);
      for (int day = 0; day < days; day++) {
        int celsius = 8 + Math.floorMod(seed + 7 * day, 19);
        String condition = CONDITIONS[Math.floorMod(seed / 7 + day, CONDITIONS.length)];
        out.append('\n').append(day == 0 ? "today" : "day +" + day).append(": ")
            .append(condition).append(", ")
            .append(units == Units.CELSIUS ? celsius + " °C" : Math.round(celsius * 9 / 5.0 + 32) + " °F");
      }
      return ToolResult.text(out.toString());
    }
  }
}
