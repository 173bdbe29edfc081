package dev.yoi.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static dev.yoi.architecture.Components.ANNOTATIONS;
import static dev.yoi.architecture.Components.API;
import static dev.yoi.architecture.Components.BENCHMARKS;
import static dev.yoi.architecture.Components.BUILTINS;
import static dev.yoi.architecture.Components.CLI;
import static dev.yoi.architecture.Components.DESCRIPTOR;
import static dev.yoi.architecture.Components.EXAMPLES;
import static dev.yoi.architecture.Components.MARKERS;
import static dev.yoi.architecture.Components.MCP;
import static dev.yoi.architecture.Components.HOST;
import static dev.yoi.architecture.Components.PROCESSOR;
import static dev.yoi.architecture.Components.REGISTRY;
import static dev.yoi.architecture.Components.TESTKIT;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The dependency rules of docs/design.md ("Dependency rules"), over the main classes of every jar. */
@AnalyzeClasses(packages = "dev.yoi", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

  @ArchTest
  static final ArchRule everyClassBelongsToAComponent = classes()
      .that().resideInAPackage("dev.yoi..")
      .should(new ArchCondition<JavaClass>("be in a package that Components lists") {
        @Override
        public void check(JavaClass type, ConditionEvents events) {
          if (Components.of(type).isEmpty()) {
            events.add(SimpleConditionEvent.violated(type, type.getName()
                + " is in package " + type.getPackageName() + ", which no component lists;"
                + " add it to Components and to docs/design.md"));
          }
        }
      });

  @ArchTest
  static final ArchRule componentsAreFreeOfCycles = slices()
      .assignedFrom(Components.SLICES)
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule apiPackagesAreFreeOfCycles = slices()
      .assignedFrom(Components.packagesOf(API))
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule annotationsDependOnNothingOfOurs = classes()
      .that().resideInAnyPackage(ANNOTATIONS.packages())
      .should().onlyDependOnClassesThat(Components.notOursOrIn(ANNOTATIONS));

  @ArchTest
  static final ArchRule descriptorDependsOnNothingOfOursButAnnotations = classes()
      .that().resideInAnyPackage(DESCRIPTOR.packages())
      .should().onlyDependOnClassesThat(Components.notOursOrIn(DESCRIPTOR, ANNOTATIONS));

  @ArchTest
  static final ArchRule apiDependsOnNothingOfOursButAnnotations = classes()
      .that().resideInAnyPackage(API.packages())
      .should().onlyDependOnClassesThat(Components.notOursOrIn(API, ANNOTATIONS));

  @ArchTest
  static final ArchRule processorNeverDependsOnTheRuntime = noClasses()
      .that().resideInAnyPackage(PROCESSOR.packages())
      .should().dependOnClassesThat(Components.in(REGISTRY, HOST, BUILTINS, EXAMPLES, MCP, TESTKIT, CLI, BENCHMARKS));

  @ArchTest
  static final ArchRule registryNeverDependsOnTheHost = noClasses()
      .that().resideInAnyPackage(REGISTRY.packages())
      .should().dependOnClassesThat(Components.in(HOST));

  @ArchTest
  static final ArchRule cliAndMcpUseOnlyThePublicRuntimeApi = noClasses()
      .that().resideInAnyPackage(Components.packages(CLI, MCP))
      .should().dependOnClassesThat(DescribedPredicate.and(
          Components.in(REGISTRY, HOST), DescribedPredicate.not(Components.PUBLIC_RUNTIME_API)));

  @ArchTest
  static final ArchRule builtinsCompileAgainstTheAuthorApiOnly = classes()
      .that().resideInAnyPackage(BUILTINS.packages())
      .should().onlyDependOnClassesThat(Components.notOursOrIn(BUILTINS, API, ANNOTATIONS));

  @ArchTest
  static final ArchRule examplePluginsCompileAgainstTheAuthorApiOnly = classes()
      .that().resideInAnyPackage(EXAMPLES.packages())
      .should().onlyDependOnClassesThat(Components.notOursOrIn(EXAMPLES, API, ANNOTATIONS));

  @ArchTest
  static final ArchRule testKitIsBuiltOnTheHostAlone = classes()
      .that().resideInAnyPackage(TESTKIT.packages())
      .should().onlyDependOnClassesThat(Components.notOursOrIn(TESTKIT, REGISTRY, HOST, API, ANNOTATIONS, DESCRIPTOR));

  @ArchTest
  static final ArchRule generatedMarkersDependOnNothingOfOurs = classes()
      .that().resideInAnyPackage(MARKERS.packages())
      .should().onlyDependOnClassesThat(Components.notOursOrIn(MARKERS));
}
