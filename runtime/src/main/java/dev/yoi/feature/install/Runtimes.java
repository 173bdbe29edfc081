package dev.yoi.feature.install;

import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.runtime.RuntimeInstaller;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Which installer installs each runtime kind: the JVM installer's kinds, and what the host added. */
final class Runtimes {
  private final Map<RuntimeKind, RuntimeInstaller> byKind = new EnumMap<>(RuntimeKind.class);

  /**
   * @param checkDescriptorClasses whether JVM features are constructed through their checked
   *     descriptor classes (see {@link JvmInstaller})
   * @throws IllegalArgumentException if two installers claim one kind (the JVM kinds included)
   */
  Runtimes(List<RuntimeInstaller> added, boolean checkDescriptorClasses) {
    List<RuntimeInstaller> all = new ArrayList<>();
    all.add(new JvmInstaller(checkDescriptorClasses));
    all.addAll(added);
    for (RuntimeInstaller installer : all) {
      Objects.requireNonNull(installer, "installer");
      for (RuntimeKind kind : installer.kinds()) {
        RuntimeInstaller other = byKind.putIfAbsent(kind, installer);
        if (other != null) {
          throw new IllegalArgumentException("runtime kind " + kind.wireName() + " has two installers, "
              + other.getClass().getName() + " and " + installer.getClass().getName()
              + "; give the host one installer per kind");
        }
      }
    }
  }

  Optional<RuntimeInstaller> installer(RuntimeKind kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The kinds this host runs, for messages: {@code builtin and jvm_plugin}. */
  String kindsRun() {
    List<String> names = byKind.keySet().stream().map(RuntimeKind::wireName).toList();
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }
}
