package dev.yoi.processor.marker;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Lists the features already on the compile classpath: one listing of {@link FeatureMarker#PACKAGE}
 * per compilation, constants read with {@link VariableElement#getConstantValue()}. Markers this
 * module's own earlier builds left in its output directory are skipped (they are this module, not a
 * dependency), and so is anything that does not read as a current-format marker: when unsure, no
 * duplicate is claimed.
 */
public final class MarkerReader {
  private final Elements elements;
  private final Filer filer;

  public MarkerReader(Elements elements, Filer filer) {
    this.elements = elements;
    this.filer = filer;
  }

  public List<FeatureMarker> read() {
    PackageElement pkg = elements.getPackageElement(FeatureMarker.PACKAGE);
    if (pkg == null) {
      return List.of();
    }
    List<FeatureMarker> out = new ArrayList<>();
    for (Element member : pkg.getEnclosedElements()) {
      if (member instanceof TypeElement type && !inOwnOutput(type)) {
        parse(type).ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<FeatureMarker> parse(TypeElement type) {
    if (!(constant(type, "FORMAT") instanceof Integer format) || format != FeatureMarker.FORMAT) {
      return Optional.empty();
    }
    if (constant(type, "SLUG") instanceof String slug
        && constant(type, "FEATURE_CLASS") instanceof String featureClass
        && constant(type, "MODULE") instanceof String module
        && constant(type, "TOOLS") instanceof String tools
        && constant(type, "SERVICES") instanceof String services) {
      return Optional.of(new FeatureMarker(slug, featureClass, module, entries(tools), entries(services)));
    }
    return Optional.empty();
  }

  private static Object constant(TypeElement type, String name) {
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD && member.getSimpleName().contentEquals(name)) {
        return ((VariableElement) member).getConstantValue();
      }
    }
    return null;
  }

  private static List<FeatureMarker.Entry> entries(String joined) {
    List<FeatureMarker.Entry> out = new ArrayList<>();
    for (String line : joined.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        out.add(new FeatureMarker.Entry(line.substring(0, space), line.substring(space + 1)));
      }
    }
    return out;
  }

  /** Whether the marker's class file sits in this compilation's own output directory. */
  private boolean inOwnOutput(TypeElement type) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, FeatureMarker.PACKAGE,
          type.getSimpleName() + ".class");
      try (InputStream in = file.openInputStream()) {
        return in != null;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
