package dev.yoi.processor.write;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Writes {@code p.Foo_FeatureDescriptor} (nested {@code p.Outer.Inner}:
 * {@code p.Outer_Inner_FeatureDescriptor}) as a class file, not a source: the descriptor as its
 * canonical JSON text ({@code DESCRIPTOR_JSON}, what the digest is over), {@code SLUG},
 * {@code DIGEST}, one name constant per contribution, and {@code create()} that constructs the
 * feature with {@code new}; it implements the api's {@code GeneratedFeature} and references nothing
 * else of ours. A generated source made javac parse, attribute and compile one more class per
 * feature in another round, which cost as much as the feature's own source; the class file is
 * written as a resource ({@link FeatureGenerator}), so javac runs no further round for it at all.
 */
public final class DescriptorWriter {
  static final String GENERATED_FEATURE = "dev/yoi/feature/GeneratedFeature";
  static final String FEATURE_MODULE = "dev/yoi/feature/FeatureModule";
  private static final String STRING = "Ljava/lang/String;";
  /** Chars per literal of a descriptor too long for one constant: at most 3 bytes each in modified UTF-8. */
  private static final int LITERAL_CHUNK = 16_000;

  private final Elements elements;

  public DescriptorWriter(Elements elements) {
    this.elements = elements;
  }

  /** A generated top-level class's name. */
  public record GeneratedName(String packageName, String simpleName) {
    /** The binary name, {@code p.Foo_FeatureDescriptor}. */
    public String binaryName() {
      return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }
  }

  /** The generated class's name for the feature class: its simple names joined with {@code _}. */
  public static GeneratedName descriptorClass(TypeElement feature) {
    StringBuilder simple = new StringBuilder(feature.getSimpleName());
    Element outer = feature.getEnclosingElement();
    for (; outer instanceof TypeElement type; outer = type.getEnclosingElement()) {
      simple.insert(0, '_').insert(0, type.getSimpleName());
    }
    String pkg = outer instanceof PackageElement p ? p.getQualifiedName().toString() : "";
    return new GeneratedName(pkg, simple.append("_FeatureDescriptor").toString());
  }

  /**
   * The class file of the feature's descriptor class.
   *
   * @param canonicalJson the descriptor's canonical JSON, the exact text {@code digest} is over
   */
  public byte[] write(TypeElement feature, FeatureDescriptor descriptor, String canonicalJson, String digest) {
    String self = internalName(descriptorClass(feature).binaryName());
    String featureClass = internalName(elements.getBinaryName(feature).toString());
    ClassFile file = new ClassFile();
    int constant = ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL;

    file.field(constant, "SLUG", STRING, descriptor.slug());
    file.field(constant, "DIGEST", STRING, digest);
    ConstantNames names = new ConstantNames("SLUG", "DIGEST", "DESCRIPTOR_JSON");
    for (ToolDescriptor t : descriptor.tools()) {
      file.field(constant, names.next("TOOL", t.name()), STRING, t.name());
    }
    for (HookDescriptor h : descriptor.hooks()) {
      file.field(constant, names.next("HOOK", h.name()), STRING, h.name());
    }
    for (TaskDescriptor t : descriptor.backgroundTasks()) {
      file.field(constant, names.next("TASK", t.name()), STRING, t.name());
    }
    for (ProvidedService s : descriptor.providedServices()) {
      file.field(constant, names.next("SERVICE", s.id()), STRING, s.id());
    }
    boolean oneConstant = ClassFile.utf8Length(canonicalJson) <= ClassFile.MAX_UTF8;
    file.field(constant, "DESCRIPTOR_JSON", STRING, oneConstant ? canonicalJson : null);

    file.method(ClassFile.ACC_PUBLIC, "<init>", "()V", 1, 1, new ClassFile.Code()
        .op(ClassFile.ALOAD_0).op(ClassFile.INVOKESPECIAL, file.methodRef("java/lang/Object", "<init>", "()V"))
        .op(ClassFile.RETURN).bytes());
    file.method(ClassFile.ACC_PUBLIC, "descriptorJson", "()" + STRING, 1, 1, oneConstant
        ? ldcReturn(file, canonicalJson)
        : new ClassFile.Code().op(ClassFile.GETSTATIC, file.fieldRef(self, "DESCRIPTOR_JSON", STRING))
            .op(ClassFile.ARETURN).bytes());
    file.method(ClassFile.ACC_PUBLIC, "digest", "()" + STRING, 1, 1, ldcReturn(file, digest));
    file.method(ClassFile.ACC_PUBLIC, "create", "()L" + FEATURE_MODULE + ";", 2, 1, new ClassFile.Code()
        .op(ClassFile.NEW, file.classRef(featureClass)).op(ClassFile.DUP)
        .op(ClassFile.INVOKESPECIAL, file.methodRef(featureClass, "<init>", "()V"))
        .op(ClassFile.ARETURN).bytes());
    if (!oneConstant) {
      file.method(ClassFile.ACC_STATIC, "<clinit>", "()V", 2, 0, joined(file, self, canonicalJson));
    }
    nestedIn(file, feature);
    return file.toBytes(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER, self,
        "java/lang/Object", List.of(GENERATED_FEATURE));
  }

  /** {@code ldc_w value; areturn}. */
  private static byte[] ldcReturn(ClassFile file, String value) {
    return new ClassFile.Code().op(ClassFile.LDC_W, file.string(value)).op(ClassFile.ARETURN).bytes();
  }

  /** {@code DESCRIPTOR_JSON = chunk1.concat(chunk2)...}, for text beyond one constant's limit. */
  private static byte[] joined(ClassFile file, String self, String text) {
    ClassFile.Code code = new ClassFile.Code();
    int concat = file.methodRef("java/lang/String", "concat", "(" + STRING + ")" + STRING);
    List<String> chunks = chunks(text);
    for (int i = 0; i < chunks.size(); i++) {
      code.op(ClassFile.LDC_W, file.string(chunks.get(i)));
      if (i > 0) {
        code.op(ClassFile.INVOKEVIRTUAL, concat);
      }
    }
    return code.op(ClassFile.PUTSTATIC, file.fieldRef(self, "DESCRIPTOR_JSON", STRING)).op(ClassFile.RETURN).bytes();
  }

  /** {@code text} in pieces of at most {@link #LITERAL_CHUNK} chars, never splitting a surrogate pair. */
  static List<String> chunks(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + LITERAL_CHUNK);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      parts.add(text.substring(start, end));
      start = end;
    }
    return parts;
  }

  /**
   * The InnerClasses entries a class referring to a nested feature carries: one per enclosing
   * level, as javac writes them.
   */
  private void nestedIn(ClassFile file, TypeElement feature) {
    for (TypeElement type = feature; type.getNestingKind().isNested(); ) {
      Element outer = type.getEnclosingElement();
      if (!(outer instanceof TypeElement enclosing)) {
        return;
      }
      file.innerClass(internalName(elements.getBinaryName(type).toString()),
          internalName(elements.getBinaryName(enclosing).toString()), type.getSimpleName().toString(), access(type));
      type = enclosing;
    }
  }

  private static int access(TypeElement type) {
    Set<Modifier> modifiers = type.getModifiers();
    int access = 0;
    if (modifiers.contains(Modifier.PUBLIC)) {
      access |= 0x0001;
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      access |= 0x0002;
    }
    if (modifiers.contains(Modifier.PROTECTED)) {
      access |= 0x0004;
    }
    if (modifiers.contains(Modifier.STATIC)) {
      access |= 0x0008;
    }
    if (modifiers.contains(Modifier.FINAL)) {
      access |= 0x0010;
    }
    if (type.getKind() == ElementKind.INTERFACE || type.getKind() == ElementKind.ANNOTATION_TYPE) {
      access |= 0x0200 | 0x0400;
    } else if (modifiers.contains(Modifier.ABSTRACT)) {
      access |= 0x0400;
    }
    if (type.getKind() == ElementKind.ANNOTATION_TYPE) {
      access |= 0x2000;
    }
    if (type.getKind() == ElementKind.ENUM) {
      access |= 0x4000;
    }
    return access;
  }

  private static String internalName(String binaryName) {
    return binaryName.replace('.', '/');
  }
}
