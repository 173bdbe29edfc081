package dev.yoi.feature.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a feature: a capability a Pod installs through its tools, hooks, background tasks and
 * services.
 *
 * <p>Put it on a class that implements {@code dev.yoi.feature.FeatureModule} and has a public
 * no-argument constructor. The class's {@code install} method registers the feature's
 * contributions; every contribution must also be declared with its own annotation (nested in this
 * class, or pointing here with {@code feature = ThisClass.class}), or the build fails with
 * {@code [yoi/undeclared-contribution]}.
 *
 * <pre>{@code
 * @Feature(id = "weather", name = "Weather", description = "Current weather by city")
 * @RequiresAuthority(value = AuthorityKind.NETWORK, scope = "api.weather.example",
 *     reason = "Fetches the forecast")
 * public final class WeatherFeature implements FeatureModule {
 *   public void install(InstallContext context) { context.tools().register(new Forecast()); }
 *
 *   @ToolContribution(name = "Forecast", description = "Weather for a city")
 *   static final class Forecast implements Tool<Forecast.Input> { ... }
 * }
 * }</pre>
 *
 * <p>The feature never names its source ({@code builtin}, {@code user}, {@code project}): the host
 * assigns it by the class loader it loads the feature from, and the full id is
 * {@code source:id}, e.g. {@code project:weather}.
 *
 * <p>The build rejects: an {@code id} that is not a slug ({@code [yoi/invalid-id]}), a version that
 * is not SemVer 2.0 ({@code [yoi/invalid-version]}), a class that does not implement
 * {@code FeatureModule} ({@code [yoi/wrong-supertype]}), an abstract, non-public or
 * constructor-less class ({@code [yoi/not-instantiable]}), and two features with the same id in
 * this module or on its classpath ({@code [yoi/duplicate-feature]}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Feature {
  /** The feature's slug, unique per source: {@code [a-z0-9][a-z0-9-]{0,62}}, e.g. {@code task-tools}. */
  String id();

  /** A short human-readable name shown by {@code yoi inspect} and in approval prompts. */
  String name();

  /**
   * The feature's SemVer 2.0 version, e.g. {@code 1.4.0}. Empty takes the processor option
   * {@code -Ayoi.version} (typically the build's project version).
   */
  String version() default "";

  /** What the feature does, for the person deciding whether to enable it. */
  String description() default "";
}
