package dev.yoi.bench.startup;

import dev.yoi.feature.FeatureDiagnostics;
import dev.yoi.feature.Grants;
import dev.yoi.feature.HookRegistrar;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.ServiceBinder;
import dev.yoi.feature.TaskRegistrar;
import dev.yoi.feature.ToolRegistrar;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import dev.yoi.pod.tool.Tool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the peers and the physical limit install into: the same {@code install} method runs, and
 * each registration is appended to a list with no check at all. Services are keyed by type (the
 * peers have no ids); a consumer installed before its provider gets null, which the synthetic
 * features only keep. This is the least any mechanism must do to have the features' contributions
 * in hand, so it is the floor Yoi's checked install is compared with.
 */
public final class PlainContext implements InstallContext, ServiceBinder, HookRegistrar {
  public final List<Tool<?>> tools = new ArrayList<>();
  final List<Object> hooks = new ArrayList<>();
  final List<Object> tasks = new ArrayList<>();
  final Map<Class<?>, Object> services = new HashMap<>();
  private final ToolRegistrar toolRegistrar = tools::add;
  private final TaskRegistrar taskRegistrar = tasks::add;

  @Override
  public String featureId() {
    return "";
  }

  @Override
  public ToolRegistrar tools() {
    return toolRegistrar;
  }

  @Override
  public HookRegistrar hooks() {
    return this;
  }

  @Override
  public TaskRegistrar backgroundTasks() {
    return taskRegistrar;
  }

  @Override
  public ServiceBinder services() {
    return this;
  }

  @Override
  public ModelNotifier notifier() {
    return text -> {};
  }

  @Override
  public Alerts alerts() {
    return (level, message) -> {};
  }

  @Override
  public FeatureDiagnostics diagnostics() {
    return new FeatureDiagnostics() {
      @Override
      public void info(String message) {}

      @Override
      public void warning(String message) {}
    };
  }

  @Override
  public Grants grants() {
    return new Grants() {
      @Override
      public boolean has(AuthorityKind kind, String scope) {
        return false;
      }

      @Override
      public boolean hasAny(AuthorityKind kind) {
        return false;
      }

      @Override
      public Set<String> granted() {
        return Set.of();
      }

      @Override
      public Set<String> denied() {
        return Set.of();
      }
    };
  }

  @Override
  public StateStore stateStore(String name) {
    throw new UnsupportedOperationException("the synthetic features use no store");
  }

  @Override
  public Secret secret(String id) {
    throw new UnsupportedOperationException("the synthetic features use no secret");
  }

  @Override
  public ManifestView manifest() {
    throw new UnsupportedOperationException("the synthetic features read no manifest");
  }

  @Override
  public <T> void provide(Class<T> type, T instance) {
    services.put(type, instance);
  }

  @Override
  public <T> T require(String id, Class<T> type) {
    return type.cast(services.get(type));
  }

  @Override
  public <T> Optional<T> optional(String id, Class<T> type) {
    return Optional.ofNullable(require(id, type));
  }

  @Override
  public void register(PreRequestHook hook) {
    hooks.add(hook);
  }

  @Override
  public void register(PreToolCallHook hook) {
    hooks.add(hook);
  }

  @Override
  public void register(ToolResultHook hook) {
    hooks.add(hook);
  }

  @Override
  public void register(TurnEndHook hook) {
    hooks.add(hook);
  }
}
