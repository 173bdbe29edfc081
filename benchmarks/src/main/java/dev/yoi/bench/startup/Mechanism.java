package dev.yoi.bench.startup;

import dev.yoi.bench.generate.SyntheticFeatures;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.pod.Pod;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;

/**
 * One way to find and install the N synthetic features of a jar, run in a fresh JVM by
 * {@link StartupChild}. Every mechanism but the catalog-only ones ends with each feature
 * constructed and its {@code install} run; Yoi's through its checked, transactional install, the
 * others into a {@link PlainContext}.
 */
public enum Mechanism {
  PHYSICAL("physical limit", "read the class-name list, Class.forName and construct each, install into plain lists") {
    @Override
    Installed run(Path jar, Path pluginsDir) throws Exception {
      try (URLClassLoader loader = loaderOf(jar)) {
        PlainContext context = new PlainContext();
        int features = 0;
        try (InputStream in = loader.getResourceAsStream(SyntheticFeatures.CLASS_LIST);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String name = lines.readLine(); name != null; name = lines.readLine()) {
            FeatureModule module = (FeatureModule) Class.forName(name, true, loader).getConstructor().newInstance();
            module.install(context);
            features++;
          }
        }
        return Installed.of(features, context);
      }
    }
  },
  YOI("Yoi install", "Pod.start(): catalog, grants, service order, checked transactional install into the Pod's surfaces") {
    @Override
    Installed run(Path jar, Path pluginsDir) throws Exception {
      try (URLClassLoader loader = loaderOf(jar);
           Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
        return installed(pod, pod.start());
      }
    }
  },
  YOI_CHECKED("Yoi install, classes checked", "Pod.start() with checkDescriptorClasses(true): each feature"
      + " constructed through its generated descriptor class, its digests checked against the line") {
    @Override
    Installed run(Path jar, Path pluginsDir) throws Exception {
      try (URLClassLoader loader = loaderOf(jar);
           Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).checkDescriptorClasses(true).build()) {
        return installed(pod, pod.start());
      }
    }
  },
  YOI_CATALOG("Yoi catalog only", "FeatureCatalog.read: every index line parsed and digest-checked, no class loaded") {
    @Override
    Installed run(Path jar, Path pluginsDir) throws Exception {
      try (URLClassLoader loader = loaderOf(jar)) {
        FeatureCatalog catalog = FeatureCatalog.read(new FeatureLoader(loader, FeatureSource.BUILTIN));
        if (catalog.hasErrors()) {
          throw new IllegalStateException("catalog errors: " + catalog.diagnostics());
        }
        int tools = 0;
        int hooks = 0;
        for (var entry : catalog.entries()) {
          tools += entry.descriptor().tools().size();
          hooks += entry.descriptor().hooks().size();
        }
        return new Installed(catalog.entries().size(), tools, hooks);
      }
    }
  },
  SERVICE_LOADER("ServiceLoader", "java.util.ServiceLoader over AutoService's META-INF/services, install each") {
    @Override
    Installed run(Path jar, Path pluginsDir) throws Exception {
      try (URLClassLoader loader = loaderOf(jar)) {
        PlainContext context = new PlainContext();
        int features = 0;
        for (FeatureModule module : ServiceLoader.load(FeatureModule.class, loader)) {
          module.install(context);
          features++;
        }
        return Installed.of(features, context);
      }
    }
  },
  CLASSGRAPH("ClassGraph", "scan the jar for FeatureModule implementations, load and construct each, install") {
    @Override
    Installed run(Path jar, Path pluginsDir) throws Exception {
      try (URLClassLoader loader = loaderOf(jar);
           ScanResult scan = new ClassGraph().overrideClassLoaders(loader).ignoreParentClassLoaders()
               .enableClassInfo().scan()) {
        PlainContext context = new PlainContext();
        int features = 0;
        for (ClassInfo info : scan.getClassesImplementing(FeatureModule.class.getName())) {
          if (info.isAbstract() || info.isInterface()) {
            continue;
          }
          FeatureModule module = (FeatureModule) info.loadClass().getConstructor().newInstance();
          module.install(context);
          features++;
        }
        return Installed.of(features, context);
      }
    }
  },
  PF4J("PF4J", "JarPluginManager: the jar as a plugin, extensions from its extensions.idx, install each") {
    @Override
    Installed run(Path jar, Path pluginsDir) throws Exception {
      // Not stopped: PF4J 3.15's stopPlugins throws ConcurrentModificationException for a
      // plugin without a Plugin-Class; the child JVM exits right after.
      PluginManager plugins = new JarPluginManager(pluginsDir);
      plugins.loadPlugins();
      plugins.startPlugins();
      PlainContext context = new PlainContext();
      int features = 0;
      for (FeatureModule module : plugins.getExtensions(FeatureModule.class)) {
        module.install(context);
        features++;
      }
      return Installed.of(features, context);
    }
  };

  private final String label;
  private final String description;

  Mechanism(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  abstract Installed run(Path jar, Path pluginsDir) throws Exception;

  /** What a started Pod installed; throws if a feature was not installed. */
  private static Installed installed(Pod pod, InstallReport report) {
    int installed = 0;
    for (FeatureReport feature : report.features()) {
      if (!feature.installed()) {
        throw new IllegalStateException("feature " + feature.id() + " was not installed: " + feature.diagnostics());
      }
      installed++;
    }
    return new Installed(installed, pod.toolDefinitions().size(), pod.hooks(HookPoint.PRE_TOOL_CALL).size());
  }

  private static URLClassLoader loaderOf(Path jar) throws IOException {
    return new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, Mechanism.class.getClassLoader());
  }

  /** What a mechanism ended with, checked by the parent against the workload. */
  record Installed(int features, int tools, int hooks) {
    static Installed of(int features, PlainContext context) {
      return new Installed(features, context.tools.size(), context.hooks.size());
    }

    String line() {
      return "installed features=" + features + " tools=" + tools + " hooks=" + hooks;
    }
  }
}
