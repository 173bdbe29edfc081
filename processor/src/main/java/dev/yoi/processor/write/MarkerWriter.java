package dev.yoi.processor.write;

import dev.yoi.processor.marker.FeatureMarker;
import java.util.List;

/**
 * Writes the marker class of one round's features (see {@link FeatureMarker}) as a class file:
 * {@code public final class dev.yoi.markers.Features_<hash>} with the constants {@code FORMAT},
 * {@code MODULE} and {@code FEATURE_0}, {@code FEATURE_1}.. and a private constructor. Later
 * compilations read the constants through {@code Elements}, as they read any class on their class
 * path; a class file, like the descriptor classes, makes javac run no further round.
 */
final class MarkerWriter {
  private MarkerWriter() {}

  /** The marker's simple name in {@link FeatureMarker#PACKAGE}. */
  static String simpleName(String module, List<FeatureMarker> features) {
    return FeatureMarker.simpleName(module, features);
  }

  /** @param features the round's generated features, in a stable order (the constants' order) */
  static byte[] write(String module, List<FeatureMarker> features) {
    String self = FeatureMarker.PACKAGE.replace('.', '/') + "/" + simpleName(module, features);
    ClassFile file = new ClassFile();
    int constant = ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL;
    file.field(constant, "FORMAT", FeatureMarker.FORMAT);
    file.field(constant, "MODULE", "Ljava/lang/String;", module);
    for (int i = 0; i < features.size(); i++) {
      file.field(constant, FeatureMarker.FEATURE_CONSTANT + i, "Ljava/lang/String;", features.get(i).encode());
    }
    file.method(ClassFile.ACC_PRIVATE, "<init>", "()V", 1, 1, new ClassFile.Code()
        .op(ClassFile.ALOAD_0).op(ClassFile.INVOKESPECIAL, file.methodRef("java/lang/Object", "<init>", "()V"))
        .op(ClassFile.RETURN).bytes());
    return file.toBytes(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER, self,
        "java/lang/Object", List.of());
  }
}
