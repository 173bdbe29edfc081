package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codes for a service of the wrong Java type: a lookup that does not match the feature's own
 * declaration is {@code yoi/undeclared-contribution}; a declaration no provider's type matches is
 * {@code yoi/missing-service}, saying which type was expected and which is offered.
 */
class ServiceTypesTest {
  static final String CLOCK = """
      package types.clock;
      @Feature(id = "clock", name = "Clock")
      public final class ClockFeature implements FeatureModule {
        @ProvidesService(id = "clock", version = "1.0.0", type = Supplier.class)
        public static final class SystemClock implements Supplier<String> {
          public String get() { return "noon"; }
        }
        public void install(InstallContext c) {
          c.services().provide(Supplier.class, new SystemClock());
        }
      }
      """;

  @TempDir Path dir;
  final List<URLClassLoader> loaders = new ArrayList<>();

  @AfterEach
  void closeLoaders() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  FeatureReport startAndReport(String consumer, String id) {
    Path clock = FeatureCompiler.compile(dir.resolve("clock"), FeatureCompiler.java(CLOCK));
    Path user = FeatureCompiler.compile(dir.resolve("user"), FeatureCompiler.java(consumer));
    URLClassLoader loader = FeatureCompiler.loader(clock, user);
    loaders.add(loader);
    try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
      InstallReport report = pod.start();
      assertTrue(report.feature("builtin:clock").orElseThrow().installed(), report.toJson());
      return report.feature(id).orElseThrow();
    }
  }

  @Test
  void aLookupAsAnotherTypeThanDeclaredIsUndeclared() {
    FeatureReport alarm = startAndReport("""
        package types.alarm;
        @Feature(id = "alarm", name = "Alarm")
        @RequiresService(id = "builtin:clock", version = "^1.0", type = Supplier.class, reason = "tells the time")
        public final class AlarmFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.services().require("builtin:clock", Runnable.class).run();
          }
        }
        """, "builtin:alarm");

    assertFalse(alarm.installed());
    assertEquals(List.of(), alarm.diagnostics("yoi/missing-service"), alarm.toString());
    String message = alarm.diagnostics("yoi/undeclared-contribution").get(0).message();
    assertTrue(message.contains("looked up service builtin:clock as java.lang.Runnable, but declares it as"
        + " java.util.function.Supplier"), message);
  }

  @Test
  void aDeclaredTypeNoProviderOffersIsAMissingServiceNamingBothTypes() {
    FeatureReport alarm = startAndReport("""
        package types.alarm;
        @Feature(id = "alarm", name = "Alarm")
        @RequiresService(id = "builtin:clock", version = "^1.0", type = Runnable.class, reason = "tells the time")
        public final class AlarmFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.services().require("builtin:clock", Runnable.class).run();
          }
        }
        """, "builtin:alarm");

    assertFalse(alarm.installed());
    String message = alarm.diagnostics("yoi/missing-service").get(0).message();
    assertTrue(message.contains("type java.lang.Runnable expected, but its provider builtin:clock offers"
        + " java.util.function.Supplier"), message);
  }
}
