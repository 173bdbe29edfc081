package dev.yoi.processor.write;

import com.squareup.javapoet.JavaFile;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.processor.marker.FeatureMarker;
import dev.yoi.processor.marker.MarkerWriter;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Everything one valid feature produces: its descriptor class, its classpath marker, and the index
 * line the index writer collects. The digest is the descriptor module's {@link Digests}.
 */
public final class FeatureGenerator {
  private final Filer filer;
  private final Elements elements;
  private final DescriptorWriter descriptors;
  private final MarkerWriter markers;

  public FeatureGenerator(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
    this.descriptors = new DescriptorWriter(elements);
    this.markers = new MarkerWriter(elements);
  }

  /**
   * Writes the feature's sources and returns its index line.
   *
   * @param originating the feature and its contributions, for incremental builds
   */
  public IndexLine generate(TypeElement feature, FeatureDescriptor descriptor, String module,
      List<Element> originating) throws IOException {
    String digest = Digests.of(descriptor);
    write(descriptors.write(feature, descriptor, digest, originating));
    FeatureMarker marker = new FeatureMarker(descriptor.slug(),
        elements.getBinaryName(feature).toString(), module,
        descriptor.tools().stream().map(t -> new FeatureMarker.Entry(t.name(), t.className())).toList(),
        descriptor.providedServices().stream()
            .map(s -> new FeatureMarker.Entry(s.id(), s.className())).toList());
    write(markers.write(marker, originating));
    return new IndexLine(IndexLine.FORMAT, descriptor.slug(), module,
        DescriptorWriter.descriptorClass(feature).reflectionName(), digest, descriptor);
  }

  private void write(JavaFile file) throws IOException {
    file.writeTo(filer);
  }
}
