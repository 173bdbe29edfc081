package dev.yoi.processor.write;

import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.processor.marker.FeatureMarker;
import dev.yoi.processor.marker.MarkerWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * Everything valid features produce: each one's descriptor class and index line, and one classpath
 * marker per round. The digest is the descriptor module's {@link Digests}, over the very text the
 * descriptor class holds.
 */
public final class FeatureGenerator {
  private final Filer filer;
  private final DescriptorWriter descriptors;
  private final MarkerWriter markers;

  public FeatureGenerator(Filer filer, Elements elements) {
    this.filer = filer;
    this.descriptors = new DescriptorWriter(elements);
    this.markers = new MarkerWriter(elements);
  }

  /** What one feature produced: its index line and its entry in the round's marker. */
  public record Generated(IndexLine line, FeatureMarker marker) {}

  /**
   * Writes the feature's descriptor class (a class file: see {@link DescriptorWriter}).
   *
   * @param originating the feature and its contributions, for incremental builds
   */
  public Generated generate(TypeElement feature, FeatureDescriptor descriptor, String module,
      List<Element> originating) throws IOException {
    String json = CanonicalJson.write(descriptor);
    String digest = Digests.ofCanonicalJson(json);
    JavaFileObject file = filer.createClassFile(DescriptorWriter.descriptorClass(feature).reflectionName(),
        originating.toArray(new Element[0]));
    try (OutputStream out = file.openOutputStream()) {
      out.write(descriptors.write(feature, descriptor, json, digest));
    }
    FeatureMarker marker = FeatureMarker.of(module, descriptor);
    IndexLine line = new IndexLine(IndexLine.FORMAT, descriptor.slug(), module,
        DescriptorWriter.descriptorClass(feature).reflectionName(), digest, descriptor);
    return new Generated(line, marker);
  }

  /**
   * Writes the one marker class of a round's features.
   *
   * @param originating every element those features derive from
   */
  public void writeMarker(String module, List<FeatureMarker> features, List<Element> originating)
      throws IOException {
    markers.write(module, features, originating).writeTo(filer);
  }
}
