package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where features' state stores live. */
class PodDataDirectoryTest {
  static final String COUNTER = """
      package data.counter;

      @Feature(id = "counter", name = "Counter")
      @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "counts", reason = "counts calls")
      public class CounterFeature implements FeatureModule {
        @ToolContribution(name = "Count", description = "Counts its calls")
        public static final class Count implements Tool<JsonNode> {
          private final dev.yoi.pod.state.StateStore counts;

          Count(dev.yoi.pod.state.StateStore counts) {
            this.counts = counts;
          }

          @Override
          public ToolResult call(JsonNode input, ToolContext context) {
            int next = Integer.parseInt(counts.get("calls").orElse("0")) + 1;
            counts.put("calls", Integer.toString(next));
            return ToolResult.text(Integer.toString(next));
          }
        }

        @Override
        public void install(InstallContext context) {
          context.tools().register(new Count(context.stateStore("counts")));
        }
      }
      """;

  @TempDir static Path classes;
  static URLClassLoader counter;

  @TempDir Path directory;

  @BeforeAll
  static void compileFeature() {
    counter = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("counter"), FeatureCompiler.java(COUNTER)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    counter.close();
  }

  ToolResult countOnce(Pod.Builder builder) {
    try (Pod pod = builder.features(counter, FeatureSource.BUILTIN).build()) {
      pod.start();
      return pod.callTool("Count", "{}");
    }
  }

  @Test
  void withOnlyAHistoryDirectoryStateStoresAreFilesBesideTheHistory() throws IOException {
    Path history = directory.resolve("pod");

    assertEquals(ToolResult.text("1"), countOnce(Pod.builder().history(history)));
    assertEquals(ToolResult.text("2"), countOnce(Pod.builder().history(history)));

    assertEquals("{\"calls\":\"2\"}", Files.readString(history.resolve("state/builtin/counter/counts.json")));
  }

  @Test
  void aDataDirectoryWinsOverTheHistoryDirectory() {
    Path history = directory.resolve("pod");
    Path data = directory.resolve("data");

    countOnce(Pod.builder().history(history).dataDirectory(data));

    assertEquals(true, Files.exists(data.resolve("state/builtin/counter/counts.json")));
    assertFalse(Files.exists(history.resolve("state")));
  }

  @Test
  void withNeitherStateStoresLiveInMemory() {
    assertEquals(ToolResult.text("1"), countOnce(Pod.builder()));
    assertEquals(ToolResult.text("1"), countOnce(Pod.builder()));
  }
}
