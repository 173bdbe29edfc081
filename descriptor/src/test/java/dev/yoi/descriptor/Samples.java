package dev.yoi.descriptor;

import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import java.util.List;

/** A descriptor with one of everything, for the contract tests. */
final class Samples {
  private Samples() {}

  static FeatureDescriptor weather() {
    return weather("Weather für Zürich ☀");
  }

  static FeatureDescriptor weather(String description) {
    return new FeatureDescriptor("weather", "Weather", "1.2.0", description, RuntimeKind.JVM_PLUGIN,
        "acme.weather.WeatherFeature",
        List.of(new ToolDescriptor("Forecast", "The forecast", "acme.weather.WeatherFeature$Forecast",
            "acme.weather.WeatherFeature$Input",
            CanonicalJson.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false}"),
            List.of(AuthorityKind.NETWORK))),
        List.of(new HookDescriptor("audit", HookPoint.PRE_TOOL_CALL, 10, "acme.weather.WeatherFeature$Audit")),
        List.of(new TaskDescriptor("refresh", "Refreshes", "PT5M", RestartPolicy.ON_FAILURE,
            "acme.weather.WeatherFeature$Refresh")),
        List.of(new ProvidedService("forecasts", "1.0.0", "acme.weather.Forecasts", false,
            "acme.weather.WeatherFeature$Cache")),
        List.of(new RequiredService("builtin:clock", "^1.0", "java.time.Clock", false, "tells the time")),
        List.of(new AuthorityRequest(AuthorityKind.NETWORK, "api.weather.example", false, "live data")));
  }

  static IndexLine line(FeatureDescriptor descriptor) {
    return IndexLine.of("weather-module", "acme.weather.WeatherFeature_FeatureDescriptor", descriptor);
  }
}
