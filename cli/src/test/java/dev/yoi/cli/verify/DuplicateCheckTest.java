package dev.yoi.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.cli.index.FoundFeature;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code yoi verify}'s conflicts, with the meaning the processor and the runtime share
 * (descriptor's Identities): {@code user:cache} beside {@code project:cache} is two services; a
 * tool name is one name whatever the source.
 */
class DuplicateCheckTest {
  @Test
  void cacheFromTheUserAndCacheFromTheProjectAreTwoServices() {
    List<Diagnostic> problems = DuplicateCheck.check(List.of(
        found(FeatureSource.USER, providing("store-a", "cache")),
        found(FeatureSource.PROJECT, providing("store-b", "cache"))));

    assertEquals(List.of(), problems);
  }

  @Test
  void cacheTwiceFromOneSourceIsOneConflictListingBoth() {
    List<Diagnostic> problems = DuplicateCheck.check(List.of(
        found(FeatureSource.PROJECT, providing("store-a", "cache")),
        found(FeatureSource.PROJECT, providing("store-b", "cache"))));

    assertEquals(1, problems.size(), problems.toString());
    String message = problems.get(0).message();
    assertTrue(message.startsWith("[yoi/duplicate-contribution] service \"project:cache\" is provided twice:"
        + "\n      project:store-a  acme.store_a.Cache\n      project:store-b  acme.store_b.Cache"), message);
  }

  @Test
  void aToolNameConflictsAcrossSources() {
    List<Diagnostic> problems = DuplicateCheck.check(List.of(
        found(FeatureSource.USER, withTool("alpha", "Search")),
        found(FeatureSource.PROJECT, withTool("beta", "Search"))));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().startsWith("[yoi/duplicate-contribution] tool \"Search\" is"
        + " contributed twice:\n      project:beta  acme.beta.Search\n      user:alpha  acme.alpha.Search"),
        problems.get(0).message());
  }

  private static FoundFeature found(FeatureSource source, FeatureDescriptor descriptor) {
    return new FoundFeature(source, "jar:file:/" + descriptor.slug() + ".jar!/META-INF/yoi/features.jsonl", 1,
        IndexLine.of("m", descriptor.featureClass() + "_FeatureDescriptor", descriptor));
  }

  private static FeatureDescriptor providing(String slug, String serviceId) {
    String pkg = "acme." + slug.replace('-', '_');
    return descriptor(slug, List.of(), List.of(
        new ProvidedService(serviceId, "1.0.0", "java.lang.Runnable", false, pkg + ".Cache")));
  }

  private static FeatureDescriptor withTool(String slug, String tool) {
    return descriptor(slug, List.of(new ToolDescriptor(tool, "Does " + tool, "acme." + slug + "." + tool,
        "com.fasterxml.jackson.databind.JsonNode",
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "object"),
        List.of())), List.of());
  }

  private static FeatureDescriptor descriptor(String slug, List<ToolDescriptor> tools,
      List<ProvidedService> services) {
    return new FeatureDescriptor(slug, slug, "1.0.0", "", RuntimeKind.JVM_PLUGIN,
        "acme." + slug.replace('-', '_') + ".Feature", tools, List.of(), List.of(), services, List.of(),
        List.of());
  }
}
