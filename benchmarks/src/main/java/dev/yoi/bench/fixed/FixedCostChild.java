package dev.yoi.bench.fixed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.yoi.bench.startup.PlainContext;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.pod.Pod;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fixed-cost benchmark's child JVM: {@code FixedCostChild MODE}, on a class path of the runtime,
 * the builtins and this class only (no other index). Prints what it did, {@code work-nanos=} and,
 * for the first-call modes, {@code steady-nanos=} (one call's cost once the path is warm).
 */
public final class FixedCostChild {
  /** The builtin tool every first-call mode calls: answers from memory, so the figure is the path. */
  public static final String TOOL = "TaskList";
  /** Calls before the steady-state ones are timed; then {@value #STEADY_CALLS} timed. */
  private static final int WARM_CALLS = 20_000;
  private static final int STEADY_CALLS = 5_000;

  private FixedCostChild() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    switch (Mode.valueOf(args[0])) {
      case LIMIT -> limit(start);
      case POD_START -> podStart(start);
      case FIRST_CALL -> firstCall(true);
      case FIRST_CALL_NOW -> firstCall(false);
      case DIRECT_CALL -> directCall();
    }
  }

  /** The child's modes; see {@link FixedCost} for what each row means. */
  public enum Mode { LIMIT, POD_START, FIRST_CALL, FIRST_CALL_NOW, DIRECT_CALL }

  /**
   * The limit: each index line parsed with Jackson, every class it names loaded, each feature
   * class constructed. What any registry that reads the same index must do at least.
   */
  private static void limit(long start) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ClassLoader loader = FixedCostChild.class.getClassLoader();
    int features = 0;
    int classes = 0;
    for (URL index : Collections.list(loader.getResources("META-INF/yoi/features.jsonl"))) {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode descriptor = mapper.readTree(line).get("descriptor");
          Class<?> feature = Class.forName(descriptor.get("featureClass").asText(), true, loader);
          classes++;
          for (String list : List.of("tools", "hooks", "backgroundTasks", "providedServices")) {
            for (JsonNode contribution : descriptor.get(list)) {
              Class.forName(contribution.get("className").asText(), true, loader);
              classes++;
            }
          }
          feature.getConstructor().newInstance();
          features++;
        }
      }
    }
    long work = System.nanoTime() - start;
    System.out.println("constructed features=" + features + " classes=" + classes);
    System.out.println("work-nanos=" + work);
  }

  private static Pod pod() {
    return Pod.builder().features(FixedCostChild.class.getClassLoader(), FeatureSource.BUILTIN).build();
  }

  private static void podStart(long start) {
    try (Pod pod = pod()) {
      InstallReport report = pod.start();
      long work = System.nanoTime() - start;
      System.out.println("installed features=" + installed(report));
      System.out.println("work-nanos=" + work);
    }
  }

  /**
   * The first call of {@link #TOOL} after start, then the steady state; {@code prepared}: once the
   * Pod's tool preparation (its background thread, started by start()) has ended, as after the
   * host's first model round trip; otherwise right after start returns.
   */
  private static void firstCall(boolean prepared) throws InterruptedException {
    try (Pod pod = pod()) {
      InstallReport report = pod.start();
      if (prepared) {
        awaitPreparation();
      }
      long t = System.nanoTime();
      ToolResult first = pod.callTool(TOOL, "{}");
      long work = System.nanoTime() - t;
      check(first);
      for (int i = 0; i < WARM_CALLS; i++) {
        check(pod.callTool(TOOL, "{}"));
      }
      t = System.nanoTime();
      for (int i = 0; i < STEADY_CALLS; i++) {
        check(pod.callTool(TOOL, "{}"));
      }
      long steady = (System.nanoTime() - t) / STEADY_CALLS;
      System.out.println("installed features=" + installed(report) + "; called " + TOOL);
      System.out.println("work-nanos=" + work);
      System.out.println("steady-nanos=" + steady);
    }
  }

  /**
   * The tool's own first call, in the JVM state of {@link Mode#FIRST_CALL} (the same Pod started,
   * its preparation ended): a fresh instance of the tool's feature installed into plain lists, then
   * {@code {}} decoded into {@link #TOOL}'s input record with Jackson and the tool called directly.
   * That is the tool's own first-call cost (its classes, its record's introspection) with no
   * registry in the way: no history, hooks or schema.
   */
  private static void directCall() throws Exception {
    try (Pod pod = pod()) {
      InstallReport report = pod.start();
      awaitPreparation();
      Class<?> featureClass = Class.forName("dev.yoi.builtins.task.TaskToolsFeature");
      PlainContext context = new PlainContext();
      ((FeatureModule) featureClass.getConstructor().newInstance()).install(context);
      @SuppressWarnings("unchecked")
      Tool<Object> tool = (Tool<Object>) context.tools.stream()
          .filter(t -> t.getClass().getSimpleName().equals(TOOL)).findFirst().orElseThrow();
      ObjectMapper mapper = new ObjectMapper().registerModule(new Jdk8Module());
      long t = System.nanoTime();
      Class<?> inputType = Class.forName(tool.getClass().getName() + "$Input");
      Object input = mapper.readerFor(inputType).readValue(mapper.readTree("{}"));
      ToolResult result = tool.call(input, new DirectContext());
      long work = System.nanoTime() - t;
      check(result);
      System.out.println("installed features=" + installed(report) + "; called " + TOOL + " directly");
      System.out.println("work-nanos=" + work);
    }
  }

  /** Waits for the Pod's tool preparation thread, if it runs, to end. */
  private static void awaitPreparation() throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("yoi-tool-schemas")) {
        thread.join();
      }
    }
  }

  private static int installed(InstallReport report) {
    int installed = 0;
    for (FeatureReport feature : report.features()) {
      if (!feature.installed()) {
        throw new IllegalStateException("feature " + feature.id() + " was not installed: " + feature.diagnostics());
      }
      installed++;
    }
    return installed;
  }

  private static void check(ToolResult result) {
    if (result.isError()) {
      throw new IllegalStateException(TOOL + " failed: " + result.text());
    }
  }

  private static final class DirectContext implements ToolContext {
    private final List<String> alerts = new ArrayList<>();

    @Override
    public String callId() {
      return "call-1";
    }

    @Override
    public String toolName() {
      return TOOL;
    }

    @Override
    public String featureId() {
      return "builtin:task-tools";
    }

    @Override
    public Alerts alerts() {
      return (level, message) -> alerts.add(message);
    }
  }
}
