package dev.yoi.feature.install;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.catalog.CatalogEntry;
import java.util.List;

/**
 * Loads, on a second thread, the classes the features about to be installed name (each feature
 * class and its contributions' classes), in install order and ahead of it, so that reading and
 * defining them overlaps the ordered install on the main thread. Loading only: no class is
 * initialised here ({@code Class.forName(name, false, loader)}), so every static initialiser still
 * runs on the installing thread, in install order, exactly as before; a class that fails to load
 * here is loaded again by the install, which reports the failure. Worth a thread only for a large
 * install: below {@link #FROM} features it does nothing.
 */
final class ClassPreloader {
  /** The fewest features to install for which a second thread pays. */
  static final int FROM = 64;

  private ClassPreloader() {}

  /** Starts loading {@code entries}' classes; the returned thread is interrupted to stop it. */
  static Thread start(List<CatalogEntry> entries) {
    Thread thread = new Thread(() -> load(entries), "yoi-class-preload");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void load(List<CatalogEntry> entries) {
    for (CatalogEntry entry : entries) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      ClassLoader loader = entry.loader().loader();
      FeatureDescriptor d = entry.descriptor();
      load(d.featureClass(), loader);
      for (ToolDescriptor t : d.tools()) {
        load(t.className(), loader);
      }
      for (HookDescriptor h : d.hooks()) {
        load(h.className(), loader);
      }
      for (TaskDescriptor t : d.backgroundTasks()) {
        load(t.className(), loader);
      }
      for (ProvidedService s : d.providedServices()) {
        load(s.className(), loader);
      }
    }
  }

  private static void load(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      // The install loads it again and reports what is wrong, on its own thread.
    }
  }
}
