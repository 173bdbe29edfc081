package dev.yoi.processor.write;

import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the module's {@code META-INF/yoi/features.jsonl} once, when processing is over: every
 * feature of the module, sorted by slug. The processor hands it the features it generated and, in
 * a partial recompile, the previous index's lines of the features it did not regenerate (checked
 * first; see {@code KeptFeatures}); nothing else of an older index survives.
 */
public final class IndexWriter {
  private final Filer filer;

  public IndexWriter(Filer filer) {
    this.filer = filer;
  }

  public void write(List<IndexLine> lines, List<Element> originating) throws IOException {
    List<IndexLine> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing(IndexLine::slug).thenComparing(IndexLine::descriptorClass));
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", IndexLine.INDEX_PATH,
        originating.toArray(new Element[0]));
    try (OutputStream out = file.openOutputStream()) {
      out.write(IndexFile.write(sorted).getBytes(StandardCharsets.UTF_8));
    }
  }
}
