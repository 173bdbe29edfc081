package dev.yoi.processor.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.processor.model.AuthorTypes;
import dev.yoi.processor.model.UnresolvedTypeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Derives the JSON Schema (draft 2020-12) of a tool's input at build time: the {@code I} of
 * {@code Tool<I>}, a record (or {@code JsonNode} for free-form input).
 *
 * <p>Record components are required unless {@code Optional<..>} or annotated with any annotation
 * named {@code Nullable}; such a component also accepts {@code null}, which models often send for
 * a value they leave out. Integers carry bounds only where the author wrote Jakarta Validation's
 * {@code @Min}, {@code @Max}, {@code @Positive} and the like (see {@code Bounds}); {@code java.time}
 * types, {@code UUID} and {@code URI} are strings with a {@code format}. Jackson's
 * {@code @JsonProperty} renames and
 * {@code @JsonPropertyDescription} describes (both read by name: the processor does not depend on
 * Jackson's annotations). Objects never allow additional properties. A record that contains itself
 * goes to {@code $defs} and is referenced, the root as {@code #}. Anything else is reported, with the
 * component path and the type, so the author can change it.
 */
public final class SchemaDeriver {
  public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
  private static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";
  private static final String JSON_PROPERTY_DESCRIPTION =
      "com.fasterxml.jackson.annotation.JsonPropertyDescription";
  private static final String JSON_CLASS_DESCRIPTION =
      "com.fasterxml.jackson.annotation.JsonClassDescription";
  private static final String JSON_VALUE = "com.fasterxml.jackson.annotation.JsonValue";
  private static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";
  private static final String JSON_IGNORE = "com.fasterxml.jackson.annotation.JsonIgnore";
  /** Deeper than any hand-written input; stops generic records that expand without end. */
  private static final int MAX_DEPTH = 32;

  private final Types types;
  private final Elements elements;

  public SchemaDeriver(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /**
   * What a tool class's input turned out to be.
   *
   * @param inputType binary name of the input type (empty when it could not be found)
   * @param schema the schema; meaningless when {@code problems} is not empty
   * @param problems one sentence per unsupported part, e.g. {@code component "when" has type java.util.Date}
   * @param types the records and enums the schema describes, the input record first
   */
  public record Derived(String inputType, ObjectNode schema, List<String> problems, List<TypeElement> types) {
    public Derived {
      problems = List.copyOf(problems);
      types = List.copyOf(types);
    }

    /** A derivation that describes no record. */
    Derived(String inputType, ObjectNode schema, List<String> problems) {
      this(inputType, schema, problems, List.of());
    }

    /** The same derivation with the schema an earlier build derived for the same types. */
    public Derived withSchema(ObjectNode earlier) {
      return new Derived(inputType, earlier, problems, types);
    }
  }

  /** Derives the input schema of {@code toolClass}, which implements {@code Tool<I>}. */
  public Derived derive(TypeElement toolClass) {
    Optional<TypeMirror> input = inputOf(toolClass.asType(), new HashSet<>());
    if (input.isEmpty()) {
      return new Derived("", JsonNodeFactory.instance.objectNode(),
          List.of("it implements the raw type Tool; write Tool<I> with I a record"));
    }
    TypeMirror type = input.get();
    unresolvedCheck(type);
    if (type.getKind() != TypeKind.DECLARED) {
      return new Derived(type.toString(), JsonNodeFactory.instance.objectNode(),
          List.of("its input type " + type + " is not a record; use a record or "
              + AuthorTypes.JSON_NODE));
    }
    TypeElement element = (TypeElement) types.asElement(type);
    String binaryName = elements.getBinaryName(element).toString();
    ObjectNode root;
    List<String> problems = new ArrayList<>();
    Set<TypeElement> described = new LinkedHashSet<>();
    if (isJsonNode(element)) {
      root = object();
      root.put("type", "object");
    } else if (element.getKind() == ElementKind.RECORD) {
      Walk walk = new Walk((DeclaredType) type, problems, described);
      root = walk.run();
    } else {
      return new Derived(binaryName, JsonNodeFactory.instance.objectNode(),
          List.of("its input type " + element.getQualifiedName() + " is not a record; use a"
              + " record (its JSON Schema is derived at build time) or " + AuthorTypes.JSON_NODE
              + " for free-form input"));
    }
    ObjectNode schema = object();
    schema.put("$schema", DRAFT);
    schema.setAll(root);
    return new Derived(binaryName, schema, problems, List.copyOf(described));
  }

  /** The {@code I} of the first {@code Tool<I>} among the supertypes; empty for a raw Tool. */
  private Optional<TypeMirror> inputOf(TypeMirror type, Set<String> seen) {
    for (TypeMirror sup : types.directSupertypes(type)) {
      unresolvedCheck(sup);
      if (sup.getKind() != TypeKind.DECLARED || !seen.add(sup.toString())) {
        continue;
      }
      DeclaredType declared = (DeclaredType) sup;
      TypeElement element = (TypeElement) declared.asElement();
      if (element.getQualifiedName().contentEquals(AuthorTypes.TOOL)) {
        return declared.getTypeArguments().isEmpty()
            ? Optional.empty()
            : Optional.of(declared.getTypeArguments().get(0));
      }
      Optional<TypeMirror> found = inputOf(sup, seen);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** One derivation: finds the records that contain themselves, then emits. */
  private final class Walk {
    private final DeclaredType rootType;
    private final List<String> problems;
    private final Set<String> recursive = new HashSet<>();
    private final Map<String, String> defKeys = new HashMap<>();
    private final Map<String, ObjectNode> defs = new LinkedHashMap<>();
    private final Set<TypeElement> described;

    Walk(DeclaredType rootType, List<String> problems, Set<TypeElement> described) {
      this.rootType = rootType;
      this.problems = problems;
      this.described = described;
    }

    ObjectNode run() {
      findRecursive(rootType, new HashSet<>(), new HashSet<>(), 0);
      ObjectNode root = recordSchema(rootType, "", 0);
      if (!defs.isEmpty()) {
        ObjectNode out = object();
        defs.forEach(out::set);
        root.set("$defs", out);
      }
      return root;
    }

    /** Depth-first; a record met again while on the path is on a cycle: it gets a $ref. */
    private void findRecursive(TypeMirror type, Set<String> onPath, Set<String> done, int depth) {
      if (depth > MAX_DEPTH) {
        return;
      }
      for (TypeMirror record : directRecords(type)) {
        String key = record.toString();
        if (onPath.contains(key)) {
          recursive.add(key);
        } else if (!done.contains(key)) {
          onPath.add(key);
          for (RecordComponentElement component : components(record)) {
            findRecursive(componentType((DeclaredType) record, component), onPath, done, depth + 1);
          }
          onPath.remove(key);
          done.add(key);
        }
      }
    }

    /** The records {@code type} is, or wraps in containers (lists, maps, optionals, arrays). */
    private List<TypeMirror> directRecords(TypeMirror type) {
      List<TypeMirror> out = new ArrayList<>();
      if (type.getKind() == TypeKind.ARRAY) {
        out.addAll(directRecords(((ArrayType) type).getComponentType()));
      } else if (type.getKind() == TypeKind.WILDCARD) {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        if (bound != null) {
          out.addAll(directRecords(bound));
        }
      } else if (type.getKind() == TypeKind.DECLARED) {
        DeclaredType declared = (DeclaredType) type;
        if (declared.asElement().getKind() == ElementKind.RECORD) {
          out.add(type);
        } else {
          for (TypeMirror arg : declared.getTypeArguments()) {
            out.addAll(directRecords(arg));
          }
        }
      }
      return out;
    }

    private ObjectNode recordSchema(DeclaredType record, String path, int depth) {
      TypeElement element = (TypeElement) record.asElement();
      described.add(element);
      ObjectNode schema = object();
      schema.put("type", "object");
      stringValue(element, JSON_CLASS_DESCRIPTION, "value")
          .ifPresent(d -> schema.put("description", d));
      ObjectNode properties = object();
      ArrayNode required = JsonNodeFactory.instance.arrayNode();
      for (RecordComponentElement component : components(record)) {
        List<AnnotationMirror> annotations = annotationsOf(element, component);
        if (has(annotations, JSON_IGNORE)) {
          continue; // Jackson neither reads nor writes it: not part of the input
        }
        String name = stringValue(annotations, JSON_PROPERTY, "value")
            .filter(s -> !s.isEmpty())
            .orElse(component.getSimpleName().toString());
        String childPath = path.isEmpty() ? name : path + "." + name;
        TypeMirror type = componentType(record, component);
        boolean optional = false;
        TypeMirror valueType = type;
        if (isNamed(type, "java.util.Optional")) {
          optional = true;
          List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
          if (args.isEmpty()) {
            problems.add("component \"" + childPath + "\" is a raw Optional; write Optional<T>");
            continue;
          }
          valueType = args.get(0);
        } else if (isNamed(type, "java.util.OptionalInt") || isNamed(type, "java.util.OptionalLong")
            || isNamed(type, "java.util.OptionalDouble")) {
          optional = true;
        }
        ObjectNode property = schemaOf(valueType, childPath, depth + 1);
        if (property == null) {
          continue;
        }
        Bounds.apply(property, annotations);
        boolean mayBeNull = optional || isNullable(annotations);
        if (mayBeNull) {
          property = orNull(property);
        }
        Optional<String> description = stringValue(annotations, JSON_PROPERTY_DESCRIPTION, "value");
        if (description.isPresent()) {
          property = withDescription(property, description.get());
        }
        properties.set(name, property);
        if (!mayBeNull) {
          required.add(name);
        }
      }
      schema.set("properties", properties);
      if (!required.isEmpty()) {
        schema.set("required", required);
      }
      schema.put("additionalProperties", false);
      return schema;
    }

    /** The schema of one value type; null (and a problem recorded) when unsupported. */
    private ObjectNode schemaOf(TypeMirror type, String path, int depth) {
      unresolvedCheck(type);
      if (depth > MAX_DEPTH) {
        problems.add("component \"" + path + "\" is nested more than " + MAX_DEPTH
            + " levels deep; flatten the input");
        return null;
      }
      switch (type.getKind()) {
        case BOOLEAN:
          return typed("boolean");
        case BYTE:
        case SHORT:
        case INT:
        case LONG:
          // No bounds of the Java type: a model reads them as the range it should use.
          return Bounds.apply(typed("integer"), type.getAnnotationMirrors());
        case FLOAT:
        case DOUBLE:
          return Bounds.apply(typed("number"), type.getAnnotationMirrors());
        case ARRAY:
          TypeMirror item = ((ArrayType) type).getComponentType();
          if (item.getKind() == TypeKind.BYTE) {
            // Jackson reads byte[] from a base64 string.
            ObjectNode bytes = typed("string");
            bytes.put("contentEncoding", "base64");
            return bytes;
          }
          return array(item, path, depth, false);
        case WILDCARD:
          TypeMirror bound = ((WildcardType) type).getExtendsBound();
          if (bound != null) {
            return schemaOf(bound, path, depth);
          }
          return unsupported(path, type, "an unbounded wildcard says nothing about the value");
        case DECLARED:
          return declared((DeclaredType) type, path, depth);
        case TYPEVAR:
          return unsupported(path, type, "a type variable has no schema; use a concrete type");
        default:
          return unsupported(path, type, null);
      }
    }

    private ObjectNode declared(DeclaredType type, String path, int depth) {
      TypeElement element = (TypeElement) type.asElement();
      String name = element.getQualifiedName().toString();
      List<? extends TypeMirror> args = type.getTypeArguments();
      switch (name) {
        case "java.lang.String":
          return typed("string");
        case "java.lang.Boolean":
          return typed("boolean");
        case "java.lang.Byte":
        case "java.lang.Short":
        case "java.lang.Integer":
        case "java.util.OptionalInt":
        case "java.lang.Long":
        case "java.util.OptionalLong":
        case "java.math.BigInteger":
          return Bounds.apply(typed("integer"), type.getAnnotationMirrors());
        case "java.lang.Float":
        case "java.lang.Double":
        case "java.util.OptionalDouble":
        case "java.math.BigDecimal":
          return Bounds.apply(typed("number"), type.getAnnotationMirrors());
        // Strings in the forms Jackson's JavaTimeModule (and its own UUID and URI readers) parse.
        case "java.time.LocalDate":
          return formatted("date");
        case "java.time.LocalTime":
        case "java.time.OffsetTime":
          return formatted("time");
        case "java.time.LocalDateTime":
        case "java.time.OffsetDateTime":
        case "java.time.ZonedDateTime":
        case "java.time.Instant":
          return formatted("date-time");
        case "java.time.Duration":
        case "java.time.Period":
          return formatted("duration");
        case "java.util.UUID":
          return formatted("uuid");
        case "java.net.URI":
          return formatted("uri");
        case AuthorTypes.JSON_NODE:
          return object();
        case "com.fasterxml.jackson.databind.node.ObjectNode":
          return typed("object");
        case "com.fasterxml.jackson.databind.node.ArrayNode":
          return typed("array");
        case "java.util.List":
        case "java.util.Set":
          if (args.isEmpty()) {
            return unsupported(path, type, "a raw collection; write " + element.getSimpleName() + "<T>");
          }
          return array(args.get(0), path, depth, name.equals("java.util.Set"));
        case "java.util.Map":
          if (args.size() != 2 || !isNamed(args.get(0), "java.lang.String")) {
            return unsupported(path, type, "only Map<String, V> has a JSON Schema (object keys are strings)");
          }
          ObjectNode values = schemaOf(args.get(1), path + "{}", depth + 1);
          if (values == null) {
            return null;
          }
          ObjectNode map = typed("object");
          map.set("additionalProperties", values);
          return map;
        case "java.util.Optional":
          return unsupported(path, type, "Optional is supported only as a record component's own type");
        default:
          break;
      }
      if (element.getKind() == ElementKind.ENUM) {
        return enumSchema(element, type, path);
      }
      if (element.getKind() == ElementKind.RECORD) {
        String key = type.toString();
        if (key.equals(rootType.toString()) && recursive.contains(key)) {
          ObjectNode ref = object();
          ref.put("$ref", "#");
          return ref;
        }
        if (recursive.contains(key)) {
          return reference(type, path, depth);
        }
        return recordSchema(type, path, depth);
      }
      return unsupported(path, type, null);
    }

    /** A $ref to the record's entry in $defs, deriving the entry on first use. */
    private ObjectNode reference(DeclaredType type, String path, int depth) {
      String key = type.toString();
      String defKey = defKeys.get(key);
      if (defKey == null) {
        String base = types.erasure(type).toString();
        defKey = base;
        for (int n = 2; defKeys.containsValue(defKey); n++) {
          defKey = base + "_" + n;
        }
        defKeys.put(key, defKey);
        defs.put(defKey, object()); // placeholder: a cycle back here refers, never re-derives
        defs.put(defKey, recordSchema(type, path, depth));
      }
      ObjectNode ref = object();
      ref.put("$ref", "#/$defs/" + defKey);
      return ref;
    }

    private ObjectNode array(TypeMirror item, String path, int depth, boolean unique) {
      ObjectNode items = schemaOf(item, path + "[]", depth + 1);
      if (items == null) {
        return null;
      }
      ObjectNode array = typed("array");
      array.set("items", items);
      if (unique) {
        array.put("uniqueItems", true);
      }
      return array;
    }

    private ObjectNode enumSchema(TypeElement element, TypeMirror type, String path) {
      described.add(element);
      ArrayNode constants = JsonNodeFactory.instance.arrayNode();
      for (Element member : element.getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(stringValue(member.getAnnotationMirrors(), JSON_PROPERTY, "value")
              .filter(s -> !s.isEmpty())
              .orElse(member.getSimpleName().toString()));
        } else if (member.getKind() == ElementKind.METHOD
            && (has(member.getAnnotationMirrors(), JSON_VALUE)
                || has(member.getAnnotationMirrors(), JSON_CREATOR))) {
          return unsupported(path, type, "its @JsonValue/@JsonCreator decides the JSON form at run"
              + " time, which the build cannot describe; remove it or use a String");
        }
      }
      ObjectNode schema = typed("string");
      schema.set("enum", constants);
      return schema;
    }

    private ObjectNode unsupported(String path, TypeMirror type, String why) {
      problems.add((path.isEmpty() ? "the input" : "component \"" + path + "\"") + " has type "
          + type + (why == null ? ", which has no JSON Schema" : ": " + why));
      return null;
    }
  }

  private List<RecordComponentElement> components(TypeMirror record) {
    TypeElement element = (TypeElement) types.asElement(record);
    return new ArrayList<>(element.getRecordComponents());
  }

  /** The component's type as a member of {@code record}, type arguments substituted. */
  private TypeMirror componentType(DeclaredType record, RecordComponentElement component) {
    ExecutableElement accessor = component.getAccessor();
    if (accessor == null) {
      return component.asType();
    }
    return ((ExecutableType) types.asMemberOf(record, accessor)).getReturnType();
  }

  /**
   * Annotations written on a record component land where their targets allow: the component,
   * the field, the accessor, or the type. Jackson's have no RECORD_COMPONENT target, so all count.
   */
  private static List<AnnotationMirror> annotationsOf(TypeElement record, RecordComponentElement component) {
    List<AnnotationMirror> out = new ArrayList<>(component.getAnnotationMirrors());
    out.addAll(component.asType().getAnnotationMirrors());
    ExecutableElement accessor = component.getAccessor();
    if (accessor != null) {
      out.addAll(accessor.getAnnotationMirrors());
      out.addAll(accessor.getReturnType().getAnnotationMirrors());
    }
    for (Element member : record.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD
          && member.getSimpleName().contentEquals(component.getSimpleName())) {
        out.addAll(member.getAnnotationMirrors());
        out.addAll(member.asType().getAnnotationMirrors());
      }
    }
    return out;
  }

  private static boolean isNullable(List<AnnotationMirror> annotations) {
    for (AnnotationMirror mirror : annotations) {
      if (mirror.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(List<? extends AnnotationMirror> annotations, String qualifiedName) {
    for (AnnotationMirror mirror : annotations) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(qualifiedName)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> stringValue(Element element, String annotation, String attribute) {
    return stringValue(element.getAnnotationMirrors(), annotation, attribute);
  }

  private static Optional<String> stringValue(
      List<? extends AnnotationMirror> annotations, String annotation, String attribute) {
    for (AnnotationMirror mirror : annotations) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(annotation)) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
            mirror.getElementValues().entrySet()) {
          if (e.getKey().getSimpleName().contentEquals(attribute)
              && e.getValue().getValue() instanceof String s) {
            return Optional.of(s);
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean isJsonNode(TypeElement element) {
    return element.getQualifiedName().contentEquals(AuthorTypes.JSON_NODE)
        || element.getQualifiedName().contentEquals("com.fasterxml.jackson.databind.node.ObjectNode");
  }

  private boolean isNamed(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals(qualifiedName);
  }

  private static void unresolvedCheck(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      throw new UnresolvedTypeException(type.toString());
    }
  }

  /** In 2020-12 a description may sit beside a $ref, so every property can carry one. */
  private static ObjectNode withDescription(ObjectNode property, String description) {
    property.put("description", description);
    return property;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static ObjectNode typed(String type) {
    ObjectNode node = object();
    node.put("type", type);
    return node;
  }

  private static ObjectNode formatted(String format) {
    ObjectNode node = typed("string");
    node.put("format", format);
    return node;
  }

  /**
   * The schema that also accepts {@code null}. A single {@code type} becomes a type array
   * ({@code ["string", "null"]}): the form 2020-12 validators all read and the one model APIs'
   * strict tool modes document for optional fields, and it keeps the value's own keywords
   * (enum, format, properties) where the model reads them. An {@code enum} gains {@code null} too,
   * since it restricts values on its own. A {@code $ref} cannot take a type array, so it is
   * wrapped in {@code anyOf} with {@code {"type": "null"}}; a schema without a type (free-form
   * {@code JsonNode}) already accepts null.
   */
  static ObjectNode orNull(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      ArrayNode types = JsonNodeFactory.instance.arrayNode().add(type.asText()).add("null");
      ObjectNode out = object();
      for (Map.Entry<String, JsonNode> e : schema.properties()) {
        out.set(e.getKey(), e.getKey().equals("type") ? types : e.getValue());
      }
      if (out.get("enum") instanceof ArrayNode values) {
        values.addNull();
      }
      return out;
    }
    if (schema.has("$ref")) {
      ObjectNode out = object();
      out.putArray("anyOf").add(schema).add(typed("null"));
      return out;
    }
    return schema;
  }
}
