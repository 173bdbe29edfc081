package dev.yoi.feature.reliability;

import dev.yoi.feature.testing.FeatureCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Features {@code f1..f6}, compiled once with the real processor, that fail where a test tells them
 * to. Each contributes one tool ({@code ToolN}), one hook, one background task and one service
 * ({@code svc-N}), notifies the model and raises an alert; some require an earlier feature's service.
 * Every feature requires FILESYSTEM (a policy that denies it keeps the feature out) and optionally
 * MODEL_NOTIFICATION (denied, its notifyModel throws).
 *
 * <p>The fault plan reaches the compiled code through its grants, so one compilation serves every
 * try: the optional {@code SECRET_REF:mode-<mode>} grant picks a {@link Mode} and
 * {@code SECRET_REF:at-<k>} the step it strikes before (0 to 7: before the tool, the hook, the task,
 * the service, the notification, the alert, the service lookup, or after them all).
 */
final class FaultyFeatures {
  static final int COUNT = 6;
  static final int STEPS = 8;

  private FaultyFeatures() {}

  /** How a feature's install goes wrong. */
  enum Mode {
    /** {@code throw new IllegalStateException}. */
    THROW("throw new IllegalStateException(\"planned failure in \" + c.featureId());"),
    /** An Error, not an Exception. */
    ERROR("throw new AssertionError(\"planned error\");"),
    /** A lambda as a tool: no declaration matches it. */
    UNDECLARED("c.tools().register((Tool<JsonNode>) (input, context) -> ToolResult.text(\"undeclared\"));"),
    /** The same, with the rejection caught: still fails the feature. */
    CAUGHT_UNDECLARED("try { c.tools().register((Tool<JsonNode>) (input, context) -> ToolResult.text(\"x\")); }"
        + " catch (RegistrationRejectedException e) { c.diagnostics().info(\"caught \" + e.code()); }"),
    /** Its own tool a second time. */
    DUPLICATE("c.tools().register(new Tool#());"),
    /** A service it does not declare. */
    LOOKUP("c.services().require(\"builtin:nobody\", Supplier.class);"),
    /** A state store it was not granted. */
    GATED("c.stateStore(\"forbidden\").put(\"k\", \"v\");");

    final String statement;

    Mode(String statement) {
      this.statement = statement;
    }

    String scope() {
      return "mode-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The service feature {@code n} requires, if any: f2 needs f1's, f4 f3's, f6 f5's. */
  static Optional<Integer> dependency(int n) {
    return n % 2 == 0 ? Optional.of(n - 1) : Optional.empty();
  }

  /** f4 also optionally uses f2's service. */
  static Optional<Integer> optionalDependency(int n) {
    return n == 4 ? Optional.of(2) : Optional.empty();
  }

  static Path compile(Path out) {
    List<FeatureCompiler.Source> sources = new ArrayList<>();
    for (int n = 1; n <= COUNT; n++) {
      sources.add(FeatureCompiler.java(source(n)));
    }
    return FeatureCompiler.compile(out, sources.toArray(FeatureCompiler.Source[]::new));
  }

  private static String source(int n) {
    StringBuilder annotations = new StringBuilder();
    for (Mode mode : Mode.values()) {
      annotations.append("@RequiresAuthority(value = AuthorityKind.SECRET_REF, scope = \"").append(mode.scope())
          .append("\", optional = true, reason = \"test fault switch\")\n");
    }
    for (int at = 0; at < STEPS; at++) {
      annotations.append("@RequiresAuthority(value = AuthorityKind.SECRET_REF, scope = \"at-").append(at)
          .append("\", optional = true, reason = \"test fault position\")\n");
    }
    dependency(n).ifPresent(d -> annotations.append("@RequiresService(id = \"builtin:svc-").append(d)
        .append("\", version = \"^1.0\", type = Supplier.class, reason = \"builds on f").append(d).append("\")\n"));
    optionalDependency(n).ifPresent(d -> annotations.append("@RequiresService(id = \"builtin:svc-").append(d)
        .append("\", version = \"^1.0\", type = Supplier.class, optional = true, reason = \"likes f")
        .append(d).append("\")\n"));
    StringBuilder faults = new StringBuilder();
    for (Mode mode : Mode.values()) {
      faults.append("      if (g.has(AuthorityKind.SECRET_REF, \"").append(mode.scope()).append("\")) { ")
          .append(mode.statement).append(" }\n");
    }
    String lookup = dependency(n).map(d -> "c.services().require(\"builtin:svc-" + d + "\", Supplier.class);")
        .orElse("");
    return """
        package acme.f#;
        @Feature(id = "f#", name = "Faulty #", version = "1.0.0")
        @RequiresAuthority(value = AuthorityKind.FILESYSTEM, reason = "reads files")
        @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, optional = true, reason = "says hello")
        ANNOTATIONS
        public final class Faulty#Feature implements FeatureModule {
          public void install(InstallContext c) {
            Grants g = c.grants();
            for (int step = 0; step <= STEPS; step++) {
              if (g.has(AuthorityKind.SECRET_REF, "at-" + step)) {
        FAULTS
              }
              switch (step) {
                case 0 -> c.tools().register(new Tool#());
                case 1 -> c.hooks().register(new Hook#());
                case 2 -> c.backgroundTasks().register(new Task#());
                case 3 -> c.services().provide(Supplier.class, new Svc#());
                case 4 -> c.notifier().notifyModel("hello from f#");
                case 5 -> c.alerts().info("f# is ready");
                case 6 -> { LOOKUP }
                default -> { }
              }
            }
          }
          @ToolContribution(name = "Tool#", description = "Tool of f#")
          public static final class Tool# implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("f#"); }
          }
          @HookContribution(name = "hook#")
          public static final class Hook# implements PreToolCallHook {
            public PreToolCallDecision beforeToolCall(ToolCallView call) { return PreToolCallDecision.allow(); }
          }
          @BackgroundTaskContribution(name = "task#", description = "Task of f#", every = "PT1H")
          public static final class Task# implements BackgroundTask {
            public void run(TaskContext context) {}
          }
          @ProvidesService(id = "svc-#", version = "1.0.0", type = Supplier.class)
          public static final class Svc# implements Supplier<String> {
            public String get() { return "f#"; }
          }
        }
        """.replace("ANNOTATIONS\n", annotations.toString())
        .replace("FAULTS\n", faults.toString())
        .replace("STEPS", String.valueOf(STEPS - 1))
        .replace("LOOKUP", lookup)
        .replace("#", String.valueOf(n));
  }
}
