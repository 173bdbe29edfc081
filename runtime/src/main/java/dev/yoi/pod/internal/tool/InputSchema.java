package dev.yoi.pod.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One tool's input schema, compiled on the tool's first call and kept, whether it compiled or not.
 * Most tools of a large Pod are never called, so compiling at install paid for loading the
 * validator and compiling every schema at start-up. Only this class and {@link Compiler} touch the
 * validator's types, so a Pod whose tools are never called never loads them.
 */
final class InputSchema {
  private final Supplier<JsonNode> node;
  private final Compiler compiler;
  private volatile Outcome outcome;
  private final AtomicBoolean brokenReported = new AtomicBoolean();

  /** {@code node} gives the schema tree when it is first compiled: no tree is kept until then. */
  InputSchema(Supplier<JsonNode> node, Compiler compiler) {
    this.node = node;
    this.compiler = compiler;
  }

  /** What checking inputs against this schema can give: problems, or the schema's own failure. */
  sealed interface Outcome {}

  /** The schema compiled; {@code schema} checks inputs. */
  record Ready(Schema schema) implements Outcome {
    /** Every violation of {@code input}, as "location: message" lines, sorted. */
    List<String> violations(JsonNode input) {
      return schema.validate(input).stream()
          .map(v -> {
            String at = v.getInstanceLocation() == null ? "" : v.getInstanceLocation().toString();
            return (at.isEmpty() ? "(root)" : at) + ": " + v.getMessage();
          })
          .sorted(Comparator.naturalOrder())
          .toList();
    }
  }

  /** The schema does not compile; {@code why} is the validator's first line. */
  record Broken(String why) implements Outcome {}

  /**
   * The compiled schema, compiled now if this is the first call. Compiled at most once: threads
   * racing on the first call wait for one compilation.
   */
  Outcome compiled() {
    Outcome current = outcome;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (outcome == null) {
        outcome = compiler.compile(node.get());
      }
      return outcome;
    }
  }

  /** Whether the schema was compiled (by a call or ahead of one); never compiles it. */
  boolean isCompiled() {
    return outcome != null;
  }

  /** True exactly once, for the first caller to find the schema broken: it reports it. */
  boolean reportBroken() {
    return brokenReported.compareAndSet(false, true);
  }

  /**
   * The registry's one schema registry, created when the first schema is compiled. Compiles one
   * schema at a time: calls of different tools may compile concurrently, and this keeps the
   * registry used as it was when tools were staged under one lock.
   */
  static final class Compiler {
    private SchemaRegistry schemas;

    synchronized Outcome compile(JsonNode node) {
      try {
        Schema schema = registry().getSchema(node);
        schema.initializeValidators();
        return new Ready(schema);
      } catch (RuntimeException | StackOverflowError e) {
        // A schema nested or recursive beyond the stack is broken too: a call never throws.
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return new Broken(newline < 0 ? message : message.substring(0, newline));
      }
    }

    private SchemaRegistry registry() {
      if (schemas == null) {
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      }
      return schemas;
    }
  }
}
