package dev.yoi.bench.buildtime.floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A baseline for the build-time figure, not a product: claims {@code @Feature} like the Yoi
 * processor, reads nothing, and writes one empty class in the first round. What it costs over
 * {@code -proc:none} is the floor of any processor that generates sources: javac runs a second
 * round, which enters every compilation unit again. Processors that write only resources
 * (AutoService, PF4J) never pay it.
 */
@SupportedAnnotationTypes("dev.yoi.feature.annotation.Feature")
public final class OneSourceProcessor extends AbstractProcessor {
  static final String GENERATED = "dev.yoi.bench.floor.Generated";

  private boolean written;

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!written && !round.processingOver()) {
      written = true;
      try (Writer out = processingEnv.getFiler().createSourceFile(GENERATED).openWriter()) {
        out.write("package dev.yoi.bench.floor;\n\npublic final class Generated {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
