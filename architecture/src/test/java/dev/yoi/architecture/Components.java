package dev.yoi.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of which packages make up which part of Yoi (docs/design.md, "Package layout").
 * The rules name these, never package strings of their own.
 */
enum Components {
  ANNOTATIONS("dev.yoi.feature.annotation.."),
  /** The author API, jar yoi-api: exactly these packages, each whole. */
  API("dev.yoi.feature", "dev.yoi.pod.hook", "dev.yoi.pod.manifest", "dev.yoi.pod.notify",
      "dev.yoi.pod.secret", "dev.yoi.pod.state", "dev.yoi.pod.task", "dev.yoi.pod.tool"),
  DESCRIPTOR("dev.yoi.descriptor.."),
  PROCESSOR("dev.yoi.processor.."),
  /** The feature registry, jar yoi-runtime: below the host, which it never names. */
  REGISTRY("dev.yoi.feature.catalog..", "dev.yoi.feature.fault..", "dev.yoi.feature.grant..",
      "dev.yoi.feature.install..", "dev.yoi.feature.report..", "dev.yoi.feature.runtime.."),
  /** The Pod host, jar yoi-runtime: above the registry, which it installs features through. */
  HOST("dev.yoi.pod", "dev.yoi.pod.history..", "dev.yoi.pod.internal.."),
  BUILTINS("dev.yoi.builtins.."),
  EXAMPLES("dev.yoi.examples.."),
  /**
   * The processor's marker types, generated into every feature jar in this one package so that a
   * build can list the features on its class path (the one package that several jars share).
   */
  MARKERS("dev.yoi.markers"),
  MCP("dev.yoi.mcp.."),
  /** A plugin's own tests: a Pod with the plugin under test, over the host's public API. */
  TESTKIT("dev.yoi.testkit.."),
  CLI("dev.yoi.cli.."),
  BENCHMARKS("dev.yoi.bench..");

  private final List<String> packages;

  Components(String... packages) {
    this.packages = List.of(packages);
  }

  /** ArchUnit package identifiers: {@code a.b} is that package only, {@code a.b..} it and below. */
  String[] packages() {
    return packages.toArray(String[]::new);
  }

  /** The package identifiers of every one of {@code components}. */
  static String[] packages(Components... components) {
    return Arrays.stream(components).flatMap(c -> c.packages.stream()).toArray(String[]::new);
  }

  boolean contains(String packageName) {
    return PackageMatchers.of(packages).test(packageName);
  }

  static Optional<Components> of(JavaClass type) {
    return Arrays.stream(values()).filter(c -> c.contains(type.getPackageName())).findFirst();
  }

  /**
   * What the CLI and yoi-mcp may use of the runtime jar: the public host API and the registry's
   * public types (docs/design.md, "Package layout"). The rest of the registry (the install run,
   * HostSurfaces, what it commits) and the host's internal packages are the runtime's own.
   */
  static final DescribedPredicate<JavaClass> PUBLIC_RUNTIME_API = DescribedPredicate.describe(
      "the public host API or a public registry type",
      type -> PackageMatchers.of("dev.yoi.pod", "dev.yoi.feature.catalog", "dev.yoi.feature.grant",
              "dev.yoi.feature.runtime")
              .test(type.getPackageName())
          || publicRuntimeTypes().contains(outermost(type).getName()));

  /** The public types of the runtime outside the public packages above. */
  private static Set<String> publicRuntimeTypes() {
    return Set.of("dev.yoi.pod.history.HistoryEntry", "dev.yoi.feature.report.Diagnostics");
  }

  private static JavaClass outermost(JavaClass type) {
    JavaClass outer = type;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }

  /** Classes of any of {@code components}. */
  static DescribedPredicate<JavaClass> in(Components... components) {
    return DescribedPredicate.describe("in " + Arrays.toString(components),
        type -> Arrays.stream(components).anyMatch(c -> c.contains(type.getPackageName())));
  }

  /** Not ours (the JDK, Jackson, ...), or in one of {@code components}. */
  static DescribedPredicate<JavaClass> notOursOrIn(Components... components) {
    return DescribedPredicate.describe("outside dev.yoi or in " + Arrays.toString(components),
        type -> !type.getPackageName().startsWith("dev.yoi.")
            || Arrays.stream(components).anyMatch(c -> c.contains(type.getPackageName())));
  }

  /** One slice per package of {@code component}; other classes are left out. */
  static SliceAssignment packagesOf(Components component) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass type) {
        return component.contains(type.getPackageName())
            ? SliceIdentifier.of(type.getPackageName())
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "the packages of " + component;
      }
    };
  }

  /** One slice per component, for the cycle rule; generated markers are left out. */
  static final SliceAssignment SLICES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass type) {
      return of(type).filter(c -> c != MARKERS)
          .map(c -> SliceIdentifier.of(c.name()))
          .orElse(SliceIdentifier.ignore());
    }

    @Override
    public String getDescription() {
      return "the components of docs/design.md";
    }
  };
}
