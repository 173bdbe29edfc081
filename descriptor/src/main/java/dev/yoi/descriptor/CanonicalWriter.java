package dev.yoi.descriptor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a descriptor's canonical JSON straight from the records, through one of
 * {@link CanonicalJson}'s generators (so the same escaping and number text as Jackson's own
 * serialisation of the sorted tree), without building the bean tree and its sorted copy first: that
 * detour was most of the cost of checking an index line's digest. Keys are written in sorted order
 * by hand; a test compares the output with Jackson's serialisation of the sorted bean tree for
 * every record component, so a component added to a record and not written here fails the build
 * instead of escaping the digest. The generator has no mapper behind it: every node a parsed tree
 * can hold is written here, as Jackson's own serialisers write it.
 */
final class CanonicalWriter {
  private final JsonGenerator out;

  private CanonicalWriter(JsonGenerator out) {
    this.out = out;
  }

  /** Writes {@code node}, object keys sorted at every level, to {@code generator}. */
  static void write(JsonGenerator generator, JsonNode node) throws IOException {
    new CanonicalWriter(generator).node(node);
  }

  /** Writes {@code d} to {@code generator}, one of {@link CanonicalJson}'s; never keeps it. */
  static void write(JsonGenerator generator, FeatureDescriptor d) throws IOException {
    new CanonicalWriter(generator).descriptor(d);
  }

  private void descriptor(FeatureDescriptor d) throws IOException {
    out.writeStartObject();
    out.writeArrayFieldStart("authorities");
    for (AuthorityRequest a : d.authorities()) {
      out.writeStartObject();
      out.writeStringField("kind", a.kind().name());
      out.writeBooleanField("optional", a.optional());
      out.writeStringField("reason", a.reason());
      out.writeStringField("scope", a.scope());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("backgroundTasks");
    for (TaskDescriptor t : d.backgroundTasks()) {
      out.writeStartObject();
      out.writeStringField("className", t.className());
      out.writeStringField("description", t.description());
      out.writeStringField("every", t.every());
      out.writeStringField("name", t.name());
      out.writeStringField("restart", t.restart().name());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("description", d.description());
    out.writeStringField("featureClass", d.featureClass());
    out.writeArrayFieldStart("hooks");
    for (HookDescriptor h : d.hooks()) {
      out.writeStartObject();
      out.writeStringField("className", h.className());
      out.writeStringField("name", h.name());
      out.writeNumberField("order", h.order());
      out.writeStringField("point", h.point().wireName());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("name", d.name());
    out.writeArrayFieldStart("providedServices");
    for (ProvidedService p : d.providedServices()) {
      out.writeStartObject();
      out.writeStringField("className", p.className());
      out.writeStringField("id", p.id());
      out.writeBooleanField("privileged", p.privileged());
      out.writeStringField("type", p.type());
      out.writeStringField("version", p.version());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("requiredServices");
    for (RequiredService r : d.requiredServices()) {
      out.writeStartObject();
      out.writeStringField("id", r.id());
      out.writeBooleanField("optional", r.optional());
      out.writeStringField("reason", r.reason());
      out.writeStringField("type", r.type());
      out.writeStringField("version", r.version());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("runtime", d.runtime().wireName());
    if (d.server() != null) {
      // Absent, not null, without one: the descriptors of every other kind keep their digests.
      out.writeFieldName("server");
      server(d.server());
    }
    out.writeStringField("slug", d.slug());
    out.writeArrayFieldStart("tools");
    for (ToolDescriptor t : d.tools()) {
      out.writeStartObject();
      out.writeStringField("className", t.className());
      out.writeStringField("description", t.description());
      out.writeFieldName("inputSchema");
      node(t.schemaTree());
      out.writeStringField("inputType", t.inputType());
      out.writeStringField("name", t.name());
      out.writeArrayFieldStart("requires");
      for (var kind : t.requires()) {
        out.writeString(kind.name());
      }
      out.writeEndArray();
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("version", d.version());
    out.writeEndObject();
  }

  private void server(McpServer server) throws IOException {
    out.writeStartObject();
    if (server instanceof McpServer.Stdio stdio) {
      out.writeArrayFieldStart("args");
      for (String arg : stdio.args()) {
        out.writeString(arg);
      }
      out.writeEndArray();
      out.writeStringField("command", stdio.command());
      out.writeArrayFieldStart("environment");
      for (EnvVariable variable : stdio.environment()) {
        out.writeStartObject();
        out.writeStringField("name", variable.name());
        if (variable.secret() != null) {
          out.writeStringField("secret", variable.secret());
        }
        if (variable.value() != null) {
          out.writeStringField("value", variable.value());
        }
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeStringField("transport", McpServer.STDIO);
      out.writeStringField("workingDirectory", stdio.workingDirectory());
    } else if (server instanceof McpServer.StreamableHttp http) {
      out.writeStringField("transport", McpServer.STREAMABLE_HTTP);
      out.writeStringField("url", http.url());
    }
    out.writeEndObject();
  }

  /** Any tree, object keys sorted at every level. */
  private void node(JsonNode node) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.writeStartObject();
      for (String name : names) {
        out.writeFieldName(name);
        node(node.get(name));
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        node(it.next());
      }
      out.writeEndArray();
    } else if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else if (node.isNull()) {
      out.writeNull();
    } else if (node.isNumber()) {
      // As each numeric node's own serialize writes it: its value, in its own type.
      switch (node.numberType()) {
        case INT -> out.writeNumber(node.intValue());
        case LONG -> out.writeNumber(node.longValue());
        case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
        case FLOAT -> out.writeNumber(node.floatValue());
        case DOUBLE -> out.writeNumber(node.doubleValue());
        default -> out.writeNumber(node.decimalValue());
      }
    } else {
      // Binary and POJO nodes (never in a parsed tree): exactly as the strict mapper writes them.
      CanonicalJson.writeThroughMapper(out, node);
    }
  }
}
