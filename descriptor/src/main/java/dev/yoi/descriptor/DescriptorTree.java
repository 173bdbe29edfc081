package dev.yoi.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a descriptor's records from its JSON tree field by field, as {@link CanonicalWriter} writes
 * them: every field of every record present, with the JSON type the writer gives it (a string, a
 * boolean, an integer, an array, an enum by its written name), and no other field. Only
 * {@code description}, {@code scope} and {@code every}, which the records default to empty, may be
 * missing or null, and so may the MCP server ({@code "server"}, only an {@code mcp_bridge} feature
 * has one) and, in a {@code stdio} server, its {@code args}, {@code workingDirectory} and
 * {@code environment}, and a variable's {@code value} or {@code secret}; the server's
 * {@code "transport"} names its kind. Stricter than Jackson's data binding (no coercion of a number
 * into a string or of a string into a boolean, no enum by ordinal), and without its bean
 * introspection, which was the larger part of reading an index line and hundreds of classes loaded
 * at every start.
 */
final class DescriptorTree {
  private static final Set<String> FEATURE = Set.of("authorities", "backgroundTasks", "description",
      "featureClass", "hooks", "name", "providedServices", "requiredServices", "runtime", "server", "slug",
      "tools", "version");
  private static final Set<String> TOOL = Set.of("className", "description", "inputSchema", "inputType",
      "name", "requires");
  private static final Set<String> HOOK = Set.of("className", "name", "order", "point");
  private static final Set<String> TASK = Set.of("className", "description", "every", "name", "restart");
  private static final Set<String> PROVIDED = Set.of("className", "id", "privileged", "type", "version");
  private static final Set<String> REQUIRED = Set.of("id", "optional", "reason", "type", "version");
  private static final Set<String> AUTHORITY = Set.of("kind", "optional", "reason", "scope");
  private static final Set<String> STDIO = Set.of("args", "command", "environment", "transport", "workingDirectory");
  private static final Set<String> STREAMABLE_HTTP = Set.of("transport", "url");
  private static final Set<String> VARIABLE = Set.of("name", "secret", "value");

  private DescriptorTree() {}

  /**
   * A descriptor read from its tree, and whether the tree holds every field exactly as
   * {@link CanonicalWriter} writes the descriptor back: none of the fields the records default
   * ({@code description}, {@code scope}, {@code every}, a server's lists and directory) missing or
   * null, and no null where the writer writes nothing ({@code "server"}, a variable's
   * {@code value} or {@code secret}). Only then can the tree's own text be the canonical text.
   */
  record Read(FeatureDescriptor descriptor, boolean fieldsAsWritten) {}

  /** @throws IllegalArgumentException naming the first field that is missing, unknown or mistyped */
  static FeatureDescriptor read(JsonNode tree) {
    return readNoting(tree).descriptor();
  }

  /** {@link #read}, noting whether any field was left to its default (see {@link Read}). */
  static Read readNoting(JsonNode tree) {
    Defaults defaults = new Defaults();
    // Field by field in the record's order, each list element checked as it is read: the first
    // problem found is the one reported. Loops, not a reader function per list: each lambda is a
    // class spun at the first start that reads an index.
    At root = At.object(tree, "the descriptor", FEATURE, defaults);
    String slug = root.text("slug");
    String name = root.text("name");
    String version = root.text("version");
    String description = root.textOrEmpty("description");
    RuntimeKind runtime = root.runtime("runtime");
    String featureClass = root.text("featureClass");
    List<ToolDescriptor> tools = new ArrayList<>();
    for (int i = 0, n = root.array("tools").size(); i < n; i++) {
      At t = root.element("tools", i, TOOL);
      tools.add(new ToolDescriptor(t.text("name"), t.text("description"), t.text("className"),
          t.text("inputType"), t.node("inputSchema"), t.names("requires", AuthorityKind.class)));
    }
    List<HookDescriptor> hooks = new ArrayList<>();
    for (int i = 0, n = root.array("hooks").size(); i < n; i++) {
      At h = root.element("hooks", i, HOOK);
      hooks.add(new HookDescriptor(h.text("name"), h.point("point"), h.integer("order"), h.text("className")));
    }
    List<TaskDescriptor> tasks = new ArrayList<>();
    for (int i = 0, n = root.array("backgroundTasks").size(); i < n; i++) {
      At t = root.element("backgroundTasks", i, TASK);
      tasks.add(new TaskDescriptor(t.text("name"), t.text("description"), t.textOrEmpty("every"),
          t.name("restart", RestartPolicy.class), t.text("className")));
    }
    List<ProvidedService> provided = new ArrayList<>();
    for (int i = 0, n = root.array("providedServices").size(); i < n; i++) {
      At p = root.element("providedServices", i, PROVIDED);
      provided.add(new ProvidedService(p.text("id"), p.text("version"), p.text("type"), p.bool("privileged"),
          p.text("className")));
    }
    List<RequiredService> required = new ArrayList<>();
    for (int i = 0, n = root.array("requiredServices").size(); i < n; i++) {
      At r = root.element("requiredServices", i, REQUIRED);
      required.add(new RequiredService(r.text("id"), r.text("version"), r.text("type"), r.bool("optional"),
          r.text("reason")));
    }
    List<AuthorityRequest> authorities = new ArrayList<>();
    for (int i = 0, n = root.array("authorities").size(); i < n; i++) {
      At a = root.element("authorities", i, AUTHORITY);
      authorities.add(new AuthorityRequest(a.name("kind", AuthorityKind.class), a.textOrEmpty("scope"),
          a.bool("optional"), a.text("reason")));
    }
    FeatureDescriptor descriptor = new FeatureDescriptor(slug, name, version, description, runtime, featureClass,
        tools, hooks, tasks, provided, required, authorities, server(root));
    return new Read(descriptor, !defaults.taken);
  }

  /** Whether a reading left some field to its default; one per descriptor read. */
  private static final class Defaults {
    boolean taken;
  }

  /**
   * The MCP server, or null when {@code "server"} is missing or null; its {@code "transport"} says
   * which kind, and the lists a {@code stdio} server may leave out or null are empty.
   */
  private static McpServer server(At root) {
    JsonNode node = root.node().get("server");
    if (node == null) {
      return null;
    }
    if (node.isNull()) {
      root.defaults().taken = true; // written as no field at all
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("\"server\" of the descriptor is not an object");
    }
    JsonNode transport = node.get("transport");
    if (transport == null || !transport.isTextual()) {
      throw new IllegalArgumentException("the server has no \"transport\" naming its kind ("
          + McpServer.STDIO + " or " + McpServer.STREAMABLE_HTTP + ")");
    }
    switch (transport.textValue()) {
      case McpServer.STDIO: {
        At stdio = At.object(node, "the server", STDIO, root.defaults());
        String command = stdio.text("command");
        List<String> args = stdio.textsOrEmpty("args");
        String workingDirectory = stdio.textOrEmpty("workingDirectory");
        List<EnvVariable> environment = new ArrayList<>();
        if (!stdio.defaulted(stdio.node().get("environment"))) {
          for (int i = 0, n = stdio.array("environment").size(); i < n; i++) {
            At v = stdio.element("environment", i, VARIABLE);
            environment.add(new EnvVariable(v.text("name"), v.textOrNull("value"), v.textOrNull("secret")));
          }
        }
        return new McpServer.Stdio(command, args, workingDirectory, environment);
      }
      case McpServer.STREAMABLE_HTTP: {
        At http = At.object(node, "the server", STREAMABLE_HTTP, root.defaults());
        return new McpServer.StreamableHttp(http.text("url"));
      }
      default:
        throw new IllegalArgumentException("the server's \"transport\" is "
            + ControlCharacters.quote(transport.textValue()) + ", not " + McpServer.STDIO + " or "
            + McpServer.STREAMABLE_HTTP);
    }
  }

  /** One JSON object of the tree and where it is, for messages. */
  private record At(JsonNode node, String where, Defaults defaults) {
    static At object(JsonNode node, String where, Set<String> fields, Defaults defaults) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(where + " is not an object");
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!fields.contains(name)) {
          throw new IllegalArgumentException(where + " has the unknown field "
              + ControlCharacters.quote(name));
        }
      }
      return new At(node, where, defaults);
    }

    /** Whether {@code value} is a field's missing or null value, which the records default. */
    private boolean defaulted(JsonNode value) {
      boolean defaulted = value == null || value.isNull();
      defaults.taken |= defaulted;
      return defaulted;
    }

    JsonNode node(String field) {
      JsonNode value = node.get(field);
      if (value == null) {
        throw new IllegalArgumentException(where + " has no \"" + field + "\"");
      }
      return value;
    }

    private IllegalArgumentException mistyped(String field, String type) {
      return new IllegalArgumentException("\"" + field + "\" of " + where + " is not " + type);
    }

    String text(String field) {
      JsonNode value = node(field);
      if (!value.isTextual()) {
        throw mistyped(field, "a string");
      }
      return value.textValue();
    }

    /** A string that may be missing or null (then null, which is written as no field). */
    String textOrNull(String field) {
      JsonNode value = node.get(field);
      if (value == null) {
        return null;
      }
      return defaulted(value) ? null : text(field);
    }

    /** Strings, none of them null; empty when the field is missing or null. */
    List<String> textsOrEmpty(String field) {
      if (defaulted(node.get(field))) {
        return List.of();
      }
      JsonNode array = array(field);
      List<String> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        if (!array.get(i).isTextual()) {
          throw mistyped(field + "[" + i + "]", "a string");
        }
        out.add(array.get(i).textValue());
      }
      return out;
    }

    /** A string the record defaults to empty when it is missing or null. */
    String textOrEmpty(String field) {
      return defaulted(node.get(field)) ? "" : text(field);
    }

    boolean bool(String field) {
      JsonNode value = node(field);
      if (!value.isBoolean()) {
        throw mistyped(field, "true or false");
      }
      return value.booleanValue();
    }

    int integer(String field) {
      JsonNode value = node(field);
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw mistyped(field, "an integer");
      }
      return value.intValue();
    }

    <E extends Enum<E>> E name(String field, Class<E> type) {
      return nameOf(field, text(field), type);
    }

    RuntimeKind runtime(String field) {
      String text = text(field);
      try {
        return RuntimeKind.fromWireName(text);
      } catch (IllegalArgumentException e) {
        throw unknownWireName(field, e);
      }
    }

    HookPoint point(String field) {
      String text = text(field);
      try {
        return HookPoint.fromWireName(text);
      } catch (IllegalArgumentException e) {
        throw unknownWireName(field, e);
      }
    }

    private IllegalArgumentException unknownWireName(String field, IllegalArgumentException e) {
      return new IllegalArgumentException("\"" + field + "\" of " + where + ": " + e.getMessage());
    }

    <E extends Enum<E>> List<E> names(String field, Class<E> type) {
      JsonNode array = array(field);
      List<E> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (!element.isTextual()) {
          throw mistyped(field + "[" + i + "]", "a string");
        }
        out.add(nameOf(field + "[" + i + "]", element.textValue(), type));
      }
      return out;
    }

    private <E extends Enum<E>> E nameOf(String field, String text, Class<E> type) {
      try {
        return Enum.valueOf(type, text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"" + field + "\" of " + where + " is "
            + ControlCharacters.quote(text) + ", not one of " + List.of(type.getEnumConstants()));
      }
    }

    /** Element {@code i} of the array {@code field}, an object with only {@code fields}. */
    At element(String field, int i, Set<String> fields) {
      return object(node.get(field).get(i), field + "[" + i + "]", fields, defaults);
    }

    JsonNode array(String field) {
      JsonNode value = node(field);
      if (!value.isArray()) {
        throw mistyped(field, "an array");
      }
      return value;
    }
  }
}
