package dev.yoi.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Hand-made plugin jars for the cases a real build never produces (edited indexes, missing
 * classes). The descriptor "class" is just bytes holding the DIGEST string, and the feature and
 * tool "classes" are two bytes, which is all the command looks at: it never loads feature classes.
 */
final class PluginJars {
  private PluginJars() {}

  static FeatureDescriptor feature(String slug, String... toolNames) {
    String featureClass = "com.acme." + camel(slug) + "Feature";
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    List<ToolDescriptor> tools = java.util.Arrays.stream(toolNames)
        .map(name -> new ToolDescriptor(name, "Does " + name, featureClass + "$" + name,
            "com.fasterxml.jackson.databind.JsonNode", schema, List.of()))
        .toList();
    return new FeatureDescriptor(slug, camel(slug), "1.0.0", "The " + slug + " feature",
        RuntimeKind.JVM_PLUGIN, featureClass, tools, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  static IndexLine line(FeatureDescriptor descriptor) {
    return IndexLine.of("acme-" + descriptor.slug(), descriptor.featureClass() + "_FeatureDescriptor", descriptor);
  }

  /** A jar as the processor would leave it: index, descriptor classes carrying the digests, feature classes. */
  static Path jar(Path dir, String name, FeatureDescriptor... features) throws IOException {
    List<IndexLine> lines = java.util.Arrays.stream(features).map(PluginJars::line).toList();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(IndexLine.INDEX_PATH, IndexFile.write(lines).getBytes(StandardCharsets.UTF_8));
    for (IndexLine line : lines) {
      entries.put(classFile(line.descriptorClass()), ("CAFEBABE DIGEST " + line.digest()).getBytes(StandardCharsets.UTF_8));
      entries.putAll(classFiles(line.descriptor()));
    }
    return write(dir.resolve(name), entries);
  }

  /** Stand-ins for the feature class and every contribution class a descriptor names. */
  static Map<String, byte[]> classFiles(FeatureDescriptor descriptor) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(classFile(descriptor.featureClass()), new byte[] {(byte) 0xCA, (byte) 0xFE});
    descriptor.tools().forEach(tool -> entries.put(classFile(tool.className()), new byte[] {(byte) 0xCA, (byte) 0xFE}));
    return entries;
  }

  static Path write(Path jar, Map<String, byte[]> entries) throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  static String classFile(String binaryName) {
    return binaryName.replace('.', '/') + ".class";
  }

  private static String camel(String slug) {
    StringBuilder out = new StringBuilder();
    for (String part : slug.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }
}
