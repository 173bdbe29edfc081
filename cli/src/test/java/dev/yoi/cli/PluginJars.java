package dev.yoi.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * classes). The descriptor class is a class file with nothing but its DIGEST constant, and the
 * feature and tool "classes" are two bytes, which is all the command looks at: it never loads
 * feature classes.
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
      entries.put(classFile(line.descriptorClass()), descriptorClass(line.descriptorClass(), line.digest()));
      entries.putAll(classFiles(line.descriptor()));
    }
    return write(dir.resolve(name), entries);
  }

  /**
   * A class file that declares {@code public static final String DIGEST = digest} and nothing
   * else: what the commands read of a generated descriptor class.
   */
  static byte[] descriptorClass(String binaryName, String digest) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0xCAFEBABE);
      out.writeShort(0); // minor version
      out.writeShort(61); // Java 17
      out.writeShort(10); // constant pool entries 1..9:
      utf8(out, binaryName.replace('.', '/')); // 1
      out.writeByte(7); // 2: this class
      out.writeShort(1);
      utf8(out, "java/lang/Object"); // 3
      out.writeByte(7); // 4: super class
      out.writeShort(3);
      utf8(out, "DIGEST"); // 5
      utf8(out, "Ljava/lang/String;"); // 6
      utf8(out, "ConstantValue"); // 7
      utf8(out, digest); // 8
      out.writeByte(8); // 9: the string constant
      out.writeShort(8);
      out.writeShort(0x0031); // public final super
      out.writeShort(2);
      out.writeShort(4);
      out.writeShort(0); // interfaces
      out.writeShort(1); // fields: DIGEST
      out.writeShort(0x0019); // public static final
      out.writeShort(5);
      out.writeShort(6);
      out.writeShort(1); // its ConstantValue attribute
      out.writeShort(7);
      out.writeInt(2);
      out.writeShort(9);
      out.writeShort(0); // methods
      out.writeShort(0); // attributes
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void utf8(DataOutputStream out, String text) throws IOException {
    out.writeByte(1);
    out.writeUTF(text);
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
