package dev.yoi.processor.marker;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * per compilation, constants read with {@link VariableElement#getConstantValue()}, each marker
 * class giving every feature of one round of another compilation. Markers this module's own
 * earlier builds left in its output directory are kept apart (they are this module, not a
 * dependency: never a duplicate, but what an incremental build reads). Anything that does not read
 * as a marker of a format this version knows is skipped: when unsure, no duplicate is claimed.
 */
public final class MarkerReader {
  private final Elements elements;
  private final Filer filer;

  public MarkerReader(Elements elements, Filer filer) {
    this.elements = elements;
    this.filer = filer;
  }

  /**
   * The markers found.
   *
   * @param classpath those of other compilations, on the compile classpath
   * @param ownOutput those this module's earlier builds left in its own output directory
   */
  public record Markers(List<FeatureMarker> classpath, List<FeatureMarker> ownOutput) {
    public Markers {
      classpath = List.copyOf(classpath);
      ownOutput = List.copyOf(ownOutput);
    }
  }

  public Markers read() {
    PackageElement pkg = elements.getPackageElement(FeatureMarker.PACKAGE);
    if (pkg == null) {
      return new Markers(List.of(), List.of());
    }
    List<FeatureMarker> classpath = new ArrayList<>();
    List<FeatureMarker> own = new ArrayList<>();
    for (Element member : pkg.getEnclosedElements()) {
      if (member instanceof TypeElement type) {
        (inOwnOutput(type) ? own : classpath).addAll(parse(type));
      }
    }
    return new Markers(classpath, own);
  }

  /**
   * The features of one marker class, or none when any part of it does not read as the current
   * format.
   */
  private List<FeatureMarker> parse(TypeElement type) {
    Map<String, Object> constants = new HashMap<>();
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD) {
        Object value = ((VariableElement) member).getConstantValue();
        if (value != null) {
          constants.put(member.getSimpleName().toString(), value);
        }
      }
    }
    if (!(constants.get("FORMAT") instanceof Integer format)
        || (format != FeatureMarker.FORMAT && format != FeatureMarker.FORMAT_WITHOUT_HOOKS)
        || !(constants.get("MODULE") instanceof String module)) {
      return List.of();
    }
    List<FeatureMarker> out = new ArrayList<>();
    for (int i = 0; constants.get(FeatureMarker.FEATURE_CONSTANT + i) != null; i++) {
      if (!(constants.get(FeatureMarker.FEATURE_CONSTANT + i) instanceof String text)) {
        return List.of();
      }
      Optional<FeatureMarker> feature = FeatureMarker.decode(module, text);
      if (feature.isEmpty()) {
        return List.of();
      }
      out.add(feature.get());
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
