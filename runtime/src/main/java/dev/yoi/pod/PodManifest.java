package dev.yoi.pod;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.Names;
import dev.yoi.feature.install.Enablement;
import dev.yoi.pod.manifest.ManifestView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Pod manifest: which features run, which tools the model may call, and where the approval
 * lock is. Its JSON form, every part optional:
 * <pre>{@code
 * {"features": {"enable": ["project:weather"], "disable": ["builtin:memory"]},
 *  "tools": {"allow": ["*"], "deny": ["Shell*"]},
 *  "approvals": "features.lock.json"}
 * }</pre>
 * Builtin features run unless disabled; user and project features only when enabled. Tool rules are
 * globs ({@code *}, {@code ?}) that match tool names ignoring case; an empty allow list allows
 * every tool, and deny wins over allow (the builtin {@code manifest-permissions} feature enforces
 * them). {@code approvals} is resolved
 * against the manifest's directory. An unknown field, a wrong type or an invalid id is an error.
 *
 * @param enable user and project feature ids to run
 * @param disable feature ids not to run (wins over enable)
 * @param allowTools tool name globs the model may call; empty allows every tool
 * @param denyTools tool name globs the model may not call
 * @param approvals the project's approval lock file, if the manifest names one; it comes with the
 *     project, so a Pod reads it but trusts it to approve plugins only when the host says so
 *     ({@code Pod.builder().trustProjectLock(true)})
 */
public record PodManifest(
    List<String> enable,
    List<String> disable,
    List<String> allowTools,
    List<String> denyTools,
    Optional<Path> approvals) implements ManifestView {

  /** Tool globs: what a tool name may hold, plus {@code *} and {@code ?}. */
  public static final Pattern TOOL_GLOB = Pattern.compile("[A-Za-z0-9_*?-]{1,64}");

  private static final Map<String, Set<String>> FIELDS = Map.of(
      "", Set.of("features", "tools", "approvals"),
      "features", Set.of("enable", "disable"),
      "tools", Set.of("allow", "deny"));

  public PodManifest {
    enable = List.copyOf(enable);
    disable = List.copyOf(disable);
    allowTools = List.copyOf(allowTools);
    denyTools = List.copyOf(denyTools);
    Objects.requireNonNull(approvals, "approvals");
  }

  /** No manifest: builtins only, every tool allowed, no approval lock. */
  public static PodManifest empty() {
    return new PodManifest(List.of(), List.of(), List.of(), List.of(), Optional.empty());
  }

  /**
   * Reads a manifest file.
   *
   * @throws ManifestException naming every problem: unreadable, not JSON, an unknown field, a
   *     wrong type, an invalid feature id or tool glob
   */
  public static PodManifest read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ManifestException(file.toString(), List.of("cannot be read (" + e + "); check the path"
          + " given to Pod.builder().manifest(..)"));
    }
    Path directory = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), directory);
  }

  /**
   * Parses manifest JSON; a relative {@code approvals} path is resolved against {@code baseDirectory}.
   *
   * @param source how messages name the manifest, e.g. its path
   * @throws ManifestException naming every problem
   */
  public static PodManifest parse(String json, String source, Path baseDirectory) {
    JsonNode root;
    try {
      ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      String message = String.valueOf(e.getOriginalMessage());
      throw new ManifestException(source, List.of("is not valid JSON (" + message + "); fix the syntax"));
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      problems.add("the top level must be a JSON object such as {\"features\": {\"enable\": [..]}},"
          + " found " + describe(root));
      throw new ManifestException(source, problems);
    }
    checkFields(root, "", problems);
    JsonNode features = object(root, "features", problems);
    JsonNode tools = object(root, "tools", problems);
    List<String> enable = strings(features, "features.enable", problems);
    List<String> disable = strings(features, "features.disable", problems);
    List<String> allow = strings(tools, "tools.allow", problems);
    List<String> deny = strings(tools, "tools.deny", problems);
    for (String id : enable) {
      Names.checkQualifiedId("features.enable entry", id).ifPresent(problems::add);
    }
    for (String id : disable) {
      Names.checkQualifiedId("features.disable entry", id).ifPresent(problems::add);
    }
    Set<String> both = new TreeSet<>(enable);
    both.retainAll(disable);
    for (String id : both) {
      problems.add("feature " + id + " is in both features.enable and features.disable; keep it in one");
    }
    checkGlobs(allow, "tools.allow", problems);
    checkGlobs(deny, "tools.deny", problems);
    Optional<Path> approvals = Optional.empty();
    JsonNode approvalsNode = root.get("approvals");
    if (approvalsNode != null && !approvalsNode.isNull()) {
      if (!approvalsNode.isTextual() || approvalsNode.asText().isBlank()) {
        problems.add("\"approvals\" must be the approval lock's path as a string (e.g."
            + " \"features.lock.json\"), found " + describe(approvalsNode));
      } else {
        Path path = Path.of(approvalsNode.asText());
        approvals = Optional.of(baseDirectory == null || path.isAbsolute() ? path : baseDirectory.resolve(path));
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(source, problems);
    }
    return new PodManifest(dedupe(enable), dedupe(disable), dedupe(allow), dedupe(deny), approvals);
  }

  /** The feature switches, for the registry. */
  public Enablement enablement() {
    return new Enablement(Set.copyOf(enable), Set.copyOf(disable));
  }

  private static void checkFields(JsonNode node, String path, List<String> problems) {
    Set<String> known = FIELDS.get(path);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String field = path.isEmpty() ? name : path + "." + name;
      if (!known.contains(name)) {
        problems.add("unknown field \"" + field + "\"; expected one of: "
            + String.join(", ", new TreeSet<>(known)) + (path.isEmpty() ? "" : " (in \"" + path + "\")")
            + ". Fix or remove it");
      } else if (FIELDS.containsKey(field) && node.get(name).isObject()) {
        checkFields(node.get(name), field, problems);
      }
    }
  }

  private static JsonNode object(JsonNode root, String field, List<String> problems) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add("\"" + field + "\" must be an object, found " + describe(node));
      return null;
    }
    return node;
  }

  private static List<String> strings(JsonNode parent, String field, List<String> problems) {
    if (parent == null) {
      return List.of();
    }
    JsonNode node = parent.get(field.substring(field.indexOf('.') + 1));
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add("\"" + field + "\" must be an array of strings, found " + describe(node));
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isTextual()) {
        values.add(item.asText());
      } else {
        problems.add("\"" + field + "\"[" + i + "] must be a string, found " + describe(item));
      }
    }
    return values;
  }

  private static void checkGlobs(List<String> globs, String field, List<String> problems) {
    for (String glob : globs) {
      if (!TOOL_GLOB.matcher(glob).matches()) {
        problems.add(field + " entry \"" + glob + "\" is not a tool name glob: use tool name"
            + " characters (letters, digits, '_', '-') and the wildcards '*' and '?'");
      }
    }
  }

  private static List<String> dedupe(List<String> values) {
    return List.copyOf(new LinkedHashSet<>(values));
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + node;
  }
}
