package dev.yoi.processor.write;

import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.processor.marker.FeatureMarker;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Everything valid features produce: each one's descriptor class and index line, and one classpath
 * marker class per round. The digest is the descriptor module's {@link Digests}, over the very text
 * the descriptor class holds.
 *
 * <p>The classes are written as class files through {@link Filer#createResource}, not
 * {@code createSourceFile} or {@code createClassFile}: javac runs a further processing round for
 * every round that generated a type, in which it enters every compilation unit again, and checks
 * each generated type's name against everything it knows. A resource is neither processed nor
 * entered, so the build pays the rounds that AutoService pays. The price: the classes are not part
 * of this compilation, so the module's own sources cannot refer to them (its tests, and every later
 * compilation, can: the files are in the class output like any class).
 */
public final class FeatureGenerator {
  private final Filer filer;
  private final DescriptorWriter descriptors;

  public FeatureGenerator(Filer filer, Elements elements) {
    this.filer = filer;
    this.descriptors = new DescriptorWriter(elements);
  }

  /** What one feature produced: its index line and its entry in the round's marker. */
  public record Generated(IndexLine line, FeatureMarker marker) {}

  /**
   * Writes the feature's descriptor class (see {@link DescriptorWriter}).
   *
   * @param originating the feature and its contributions, for incremental builds
   */
  public Generated generate(TypeElement feature, FeatureDescriptor descriptor, String module,
      List<Element> originating) throws IOException {
    String json = CanonicalJson.write(descriptor);
    String digest = Digests.ofCanonicalJson(json);
    DescriptorWriter.GeneratedName name = DescriptorWriter.descriptorClass(feature);
    writeClass(name.packageName(), name.simpleName(), descriptors.write(feature, descriptor, json, digest),
        originating);
    FeatureMarker marker = FeatureMarker.of(module, descriptor);
    IndexLine line = new IndexLine(IndexLine.FORMAT, descriptor.slug(), module, name.binaryName(), digest, descriptor);
    return new Generated(line, marker);
  }

  /**
   * Writes the one marker class of a round's features.
   *
   * @param originating every element those features derive from
   */
  public void writeMarker(String module, List<FeatureMarker> features, List<Element> originating)
      throws IOException {
    writeClass(FeatureMarker.PACKAGE, MarkerWriter.simpleName(module, features),
        MarkerWriter.write(module, features), originating);
  }

  private void writeClass(String packageName, String simpleName, byte[] bytes, List<Element> originating)
      throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, packageName, simpleName + ".class",
        originating.toArray(new Element[0]));
    try (OutputStream out = file.openOutputStream()) {
      out.write(bytes);
    }
  }
}
