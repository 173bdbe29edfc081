package dev.yoi.processor.write;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The little of the class file format (JVMS chapter 4) the generated classes need: a constant pool
 * of UTF-8, integer, class, string and member references; fields with a constant value; methods of
 * straight-line code (no branches, so no stack map frames); the InnerClasses attribute. Written for
 * Java 17 (version 61), the runtime's own level. Deterministic: the same calls give the same bytes.
 */
final class ClassFile {
  static final int ACC_PUBLIC = 0x0001;
  static final int ACC_PRIVATE = 0x0002;
  static final int ACC_STATIC = 0x0008;
  static final int ACC_FINAL = 0x0010;
  static final int ACC_SUPER = 0x0020;

  static final int ALOAD_0 = 0x2a;
  static final int ARETURN = 0xb0;
  static final int RETURN = 0xb1;
  static final int GETSTATIC = 0xb2;
  static final int PUTSTATIC = 0xb3;
  static final int INVOKEVIRTUAL = 0xb6;
  static final int INVOKESPECIAL = 0xb7;
  static final int NEW = 0xbb;
  static final int DUP = 0x59;
  static final int LDC_W = 0x13;

  /** The longest string a CONSTANT_Utf8 holds, in modified UTF-8 bytes. */
  static final int MAX_UTF8 = 65_535;

  private static final int MAJOR_JAVA_17 = 61;

  private final ByteArrayOutputStream pool = new ByteArrayOutputStream();
  private final DataOutputStream poolOut = new DataOutputStream(pool);
  private final Map<String, Integer> entries = new HashMap<>();
  private int poolCount = 1;
  private final List<byte[]> fields = new ArrayList<>();
  private final List<byte[]> methods = new ArrayList<>();
  private final List<byte[]> innerClasses = new ArrayList<>();

  /** A constant pool entry, added once. */
  private int entry(String key, int tag, Writing body) {
    Integer known = entries.get(key);
    if (known != null) {
      return known;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(tag);
      body.to(out);
      poolOut.write(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int index = poolCount++;
    entries.put(key, index);
    return index;
  }

  private interface Writing {
    void to(DataOutputStream out) throws IOException;
  }

  int utf8(String text) {
    return entry("U" + text, 1, out -> out.writeUTF(text)); // writeUTF: modified UTF-8, as the format wants
  }

  /** @param internalName e.g. {@code p/Outer$Inner} */
  int classRef(String internalName) {
    int name = utf8(internalName);
    return entry("C" + internalName, 7, out -> out.writeShort(name));
  }

  private int integer(int value) {
    return entry("I" + value, 3, out -> out.writeInt(value));
  }

  int string(String value) {
    int text = utf8(value);
    return entry("S" + value, 8, out -> out.writeShort(text));
  }

  private int nameAndType(String name, String descriptor) {
    int n = utf8(name);
    int d = utf8(descriptor);
    return entry("N" + name + ":" + descriptor, 12, out -> {
      out.writeShort(n);
      out.writeShort(d);
    });
  }

  int fieldRef(String owner, String name, String descriptor) {
    int c = classRef(owner);
    int nt = nameAndType(name, descriptor);
    return entry("F" + owner + "." + name + ":" + descriptor, 9, out -> {
      out.writeShort(c);
      out.writeShort(nt);
    });
  }

  int methodRef(String owner, String name, String descriptor) {
    int c = classRef(owner);
    int nt = nameAndType(name, descriptor);
    return entry("M" + owner + "." + name + ":" + descriptor, 10, out -> {
      out.writeShort(c);
      out.writeShort(nt);
    });
  }

  /** A field; {@code constant} (or null) becomes its ConstantValue attribute. */
  void field(int access, String name, String descriptor, String constant) {
    constantField(access, name, descriptor, constant == null ? null : () -> string(constant));
  }

  /** An {@code int} field whose ConstantValue is {@code constant}. */
  void field(int access, String name, int constant) {
    constantField(access, name, "I", () -> integer(constant));
  }

  /**
   * @param value adds the field's constant value to the pool and gives its index (after the
   *     field's own entries, so that the pool's order is the order of the calls), or null for none
   */
  private void constantField(int access, String name, String descriptor, IntSupplier value) {
    int n = utf8(name);
    int d = utf8(descriptor);
    int attribute = value == null ? 0 : utf8("ConstantValue");
    int index = value == null ? 0 : value.getAsInt();
    fields.add(bytes(out -> {
      out.writeShort(access);
      out.writeShort(n);
      out.writeShort(d);
      if (value == null) {
        out.writeShort(0);
      } else {
        out.writeShort(1);
        out.writeShort(attribute);
        out.writeInt(2);
        out.writeShort(index);
      }
    }));
  }

  /** A method of straight-line {@code code} (no exception table, no branches). */
  void method(int access, String name, String descriptor, int maxStack, int maxLocals, byte[] code) {
    int n = utf8(name);
    int d = utf8(descriptor);
    int attribute = utf8("Code");
    methods.add(bytes(out -> {
      out.writeShort(access);
      out.writeShort(n);
      out.writeShort(d);
      out.writeShort(1);
      out.writeShort(attribute);
      out.writeInt(2 + 2 + 4 + code.length + 2 + 2);
      out.writeShort(maxStack);
      out.writeShort(maxLocals);
      out.writeInt(code.length);
      out.write(code);
      out.writeShort(0); // exception table
      out.writeShort(0); // attributes
    }));
  }

  /** An InnerClasses entry: {@code inner} is a member {@code simpleName} of {@code outer}. */
  void innerClass(String inner, String outer, String simpleName, int access) {
    int i = classRef(inner);
    int o = classRef(outer);
    int n = utf8(simpleName);
    innerClasses.add(bytes(out -> {
      out.writeShort(i);
      out.writeShort(o);
      out.writeShort(n);
      out.writeShort(access);
    }));
  }

  /** The class file of class {@code name}: everything added so far. */
  byte[] toBytes(int access, String name, String superName, List<String> interfaces) {
    int self = classRef(name);
    int parent = classRef(superName);
    List<Integer> implemented = new ArrayList<>();
    interfaces.forEach(i -> implemented.add(classRef(i)));
    int inner = innerClasses.isEmpty() ? 0 : utf8("InnerClasses");
    return bytes(out -> {
      out.writeInt(0xCAFEBABE);
      out.writeShort(0);
      out.writeShort(MAJOR_JAVA_17);
      out.writeShort(poolCount);
      out.write(pool.toByteArray());
      out.writeShort(access);
      out.writeShort(self);
      out.writeShort(parent);
      out.writeShort(implemented.size());
      for (int i : implemented) {
        out.writeShort(i);
      }
      out.writeShort(fields.size());
      for (byte[] f : fields) {
        out.write(f);
      }
      out.writeShort(methods.size());
      for (byte[] m : methods) {
        out.write(m);
      }
      if (innerClasses.isEmpty()) {
        out.writeShort(0);
      } else {
        out.writeShort(1);
        out.writeShort(inner);
        out.writeInt(2 + 8 * innerClasses.size());
        out.writeShort(innerClasses.size());
        for (byte[] c : innerClasses) {
          out.write(c);
        }
      }
    });
  }

  /** The length of {@code text} in modified UTF-8, as a CONSTANT_Utf8 stores it. */
  static int utf8Length(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    return length;
  }

  /** Straight-line bytecode: opcodes and their one- or two-byte operands. */
  static final class Code {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Code op(int opcode) {
      bytes.write(opcode);
      return this;
    }

    /** {@code opcode} with a constant pool index. */
    Code op(int opcode, int index) {
      bytes.write(opcode);
      bytes.write((index >> 8) & 0xff);
      bytes.write(index & 0xff);
      return this;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  private static byte[] bytes(Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      writing.to(new DataOutputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
