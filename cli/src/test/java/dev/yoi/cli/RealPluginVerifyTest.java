package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify and inspect on the example plugin as the build produced it, and on a copy edited by hand. */
class RealPluginVerifyTest {
  @TempDir Path dir;

  @Test
  void verifyAcceptsTheUntouchedWeatherJar() {
    Cli.Result result = Cli.run("verify", BuiltJars.require(BuiltJars.WEATHER).toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertEquals("verified 1 feature: no errors.\n", result.out());
  }

  @Test
  void verifyRefusesTheWeatherJarOnceItsIndexIsEditedByHand() throws IOException {
    Map<String, byte[]> entries = entries(BuiltJars.require(BuiltJars.WEATHER));
    String index = new String(entries.get(IndexLine.INDEX_PATH), StandardCharsets.UTF_8);
    // Someone "just" drops the optional flag: the secret becomes a required authority.
    String edited = index.replace("\"optional\":true", "\"optional\":false");
    assertFalse(index.equals(edited), "the example requests an optional authority");
    entries.put(IndexLine.INDEX_PATH, edited.getBytes(StandardCharsets.UTF_8));
    Path tampered = PluginJars.write(dir.resolve("weather-edited.jar"), entries);

    Cli.Result result = Cli.run("verify", tampered.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().startsWith("[yoi/digest-mismatch] feature weather (index line 1 of jar:"),
        result.out());
    assertTrue(result.out().contains("rebuild the plugin instead of editing META-INF/yoi/features.jsonl"),
        result.out());
  }

  @Test
  void verifyRefusesTheWeatherJarOnceAContributionClassIsDeleted() throws IOException {
    Map<String, byte[]> entries = entries(BuiltJars.require(BuiltJars.WEATHER));
    String forecast = "dev/yoi/examples/weather/WeatherFeature$Forecast.class";
    assertTrue(entries.remove(forecast) != null, "the example's tool class: " + entries.keySet());
    Path broken = PluginJars.write(dir.resolve("weather-without-forecast.jar"), entries);

    Cli.Result result = Cli.run("verify", broken.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("[yoi/index-corrupt] feature project:weather (index line 1 of jar:"),
        result.out());
    assertTrue(result.out().contains("names a class that is not there: tool WeatherForecast's class"
        + " dev.yoi.examples.weather.WeatherFeature$Forecast."), result.out());
    assertTrue(result.out().endsWith("verify failed: 1 error (0 sound features).\n"), result.out());
  }

  @Test
  void inspectOfBothExamplesNeedsNoFeatureClassLoaded() {
    Cli.Result result = Cli.run("inspect", "--format", "json",
        BuiltJars.require(BuiltJars.WEATHER).toString(), BuiltJars.require(BuiltJars.JOURNAL).toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().contains("\"id\" : \"project:weather\""), result.out());
    assertTrue(result.out().contains("\"id\" : \"project:journal\""), result.out());
  }

  private static Map<String, byte[]> entries(Path jar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
        ZipEntry entry = all.nextElement();
        if (!entry.isDirectory()) {
          try (InputStream in = zip.getInputStream(entry)) {
            entries.put(entry.getName(), in.readAllBytes());
          }
        }
      }
    }
    return entries;
  }
}
