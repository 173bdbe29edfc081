package dev.yoi.cli.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * A plugin jar or class directory opened to be read, never run ({@code inspect}, {@code verify}):
 * resources are found in the plugin alone, and no class is ever loaded from it. A loader with a
 * parent asks the parent first, and the JDK's loaders look a name outside their own packages up in
 * every module of the runtime image: for the four hundred class files of a hundred features, that
 * was a quarter of {@code yoi inspect}'s main thread.
 */
final class PluginFilesLoader extends URLClassLoader {
  PluginFilesLoader(String name, URL plugin) {
    super(name, new URL[] {plugin}, null);
  }

  @Override
  public URL getResource(String name) {
    return findResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return findResources(name);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    throw new ClassNotFoundException(name + ": a plugin that yoi reads is never run, so no class is"
        + " loaded from it");
  }
}
