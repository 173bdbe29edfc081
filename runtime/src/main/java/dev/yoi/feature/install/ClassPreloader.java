package dev.yoi.feature.install;

import dev.yoi.feature.catalog.CatalogEntry;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Loads, on a second thread, the classes each catalog line names (the feature class and its
 * contributions' classes) from the moment the catalog reads the line, so that reading and defining
 * them overlaps the rest of the catalog, the screening and the ordered install on the main thread.
 * Loading only: no class is initialised here ({@code Class.forName(name, false, loader)}), so every
 * static initialiser still runs on the installing thread, in install order, exactly as before; a
 * class that fails to load here is loaded again by the install, which reports the failure.
 *
 * <p>Only lines that may install are taken: a feature of a runtime kind this installer does not
 * run, or one the {@link Enablement} leaves out (a plugin not enabled, a disabled builtin), has
 * none of its classes loaded. Worth a thread only for a large install on more than one core: until
 * {@link #FROM} lines are taken no thread starts, and an install of fewer starts none
 * (benchmarks/analysis.md, "Issue 15, install (session 3)").
 */
final class ClassPreloader implements Consumer<CatalogEntry> {
  /** The fewest features to install for which a second thread pays. */
  static final int FROM = 64;
  /** Put after the last line read: the thread ends when it reaches it. */
  private static final Object END = new Object();

  private final Enablement enablement;
  /** Whether a second core exists to load on; with one, the thread would only take turns with the install. */
  private final boolean secondCore;
  /** The lines taken, in the order read; the thread takes them from here once it starts. */
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private int taken;
  private Thread thread;

  ClassPreloader(Enablement enablement) {
    this(enablement, Runtime.getRuntime().availableProcessors() > 1);
  }

  ClassPreloader(Enablement enablement, boolean secondCore) {
    this.enablement = enablement;
    this.secondCore = secondCore;
  }

  /** Takes one line as the catalog reads it; starts the thread at the {@link #FROM}th. */
  @Override
  public void accept(CatalogEntry entry) {
    if (!secondCore // one core: the install loads everything itself
        || !JvmInstaller.KINDS.contains(entry.descriptor().runtime())
        || !enablement.isEnabled(entry.id(), entry.source())) {
      return;
    }
    queue.add(entry);
    if (++taken == FROM) {
      thread = new Thread(this::loadAll, "yoi-class-preload");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Every line is read: the thread ends after the last one taken. */
  void readDone() {
    queue.add(END);
  }

  /** The install is over (or failed): stops the thread where it is, if it still runs. */
  void stop() {
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Waits until the thread, if one started, has ended: after {@link #readDone}, once all is loaded. */
  void join() throws InterruptedException {
    if (thread != null) {
      thread.join();
    }
  }

  private void loadAll() {
    try {
      for (Object next = queue.take(); next != END; next = queue.take()) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        load((CatalogEntry) next);
      }
    } catch (InterruptedException e) {
      // stopped: the install no longer needs anything loaded ahead
    }
  }

  /** The feature class and each declared contribution's class ({@link Declared}, the one list of them). */
  private static void load(CatalogEntry entry) {
    ClassLoader loader = entry.loader().loader();
    load(entry.descriptor().featureClass(), loader);
    for (Declared contribution : Declared.of(entry.descriptor(), entry.source())) {
      load(contribution.className(), loader);
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
