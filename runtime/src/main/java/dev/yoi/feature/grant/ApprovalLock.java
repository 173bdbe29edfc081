package dev.yoi.feature.grant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.Names;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The approval lock, {@code features.lock.json}: what a person approved for each user and project
 * feature, keyed by full id and locked to a digest.
 *
 * <pre>{@code
 * {
 *   "features": {
 *     "project:weather": {
 *       "descriptor": { ...the approved descriptor, canonical... },
 *       "digest": "sha256:3f1c...",
 *       "granted": [ "NETWORK:api.weather.example" ]
 *     }
 *   },
 *   "format": 1
 * }
 * }</pre>
 *
 * Keys are sorted at every level, two-space indented, '\n' line ends, so the file diffs well and
 * the same approvals always give the same bytes. {@code descriptor} is kept so that a changed
 * feature can be shown exactly what changed since it was approved. An entry grants only when its
 * {@code digest} is the feature's digest <em>and</em> the digest of its own {@code descriptor}: an
 * entry whose digest was edited by hand grants nothing.
 *
 * <p>Writes ({@link #approve}, {@link #revoke}) hold an exclusive {@link FileChannel#lock() file
 * lock} on the sibling {@code features.lock.json.lck} while they read, change and replace the
 * file, and replace it atomically (a temporary file in the same directory, then
 * {@link StandardCopyOption#ATOMIC_MOVE}): concurrent approvals from several processes lose no
 * update, and a reader sees the old file or the new one, never half of one.
 */
public final class ApprovalLock {
  /** The conventional file name. */
  public static final String FILE_NAME = "features.lock.json";

  /** The lock format this version reads and writes. */
  public static final int FORMAT = 1;

  /** The lock's own writer: the descriptor module's canonical mapper is private to it. */
  private static final ObjectWriter WRITER = new ObjectMapper().writer(prettyPrinter());

  private final Path path;
  private final SortedMap<String, Approval> approvals;
  private final SortedMap<String, String> invalid;

  private ApprovalLock(Path path, SortedMap<String, Approval> approvals, SortedMap<String, String> invalid) {
    this.path = path;
    this.approvals = Collections.unmodifiableSortedMap(approvals);
    this.invalid = Collections.unmodifiableSortedMap(invalid);
  }

  /**
   * Reads the lock; a file that does not exist is an empty lock.
   *
   * @throws LockFileException if the file is not a lock (not JSON, another format)
   */
  public static ApprovalLock read(Path path) throws IOException {
    Optional<ObjectNode> root = readRoot(path);
    SortedMap<String, Approval> approvals = new TreeMap<>();
    SortedMap<String, String> invalid = new TreeMap<>();
    if (root.isPresent()) {
      JsonNode features = root.get().get("features");
      for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        try {
          approvals.put(field.getKey(), parseEntry(field.getKey(), field.getValue()));
        } catch (IllegalArgumentException e) {
          invalid.put(field.getKey(), e.getMessage());
        }
      }
    }
    return new ApprovalLock(path, approvals, invalid);
  }

  /** The file this lock was read from. */
  public Path path() {
    return path;
  }

  /** The valid entries, by full id. */
  public SortedMap<String, Approval> approvals() {
    return approvals;
  }

  public Optional<Approval> approval(String featureId) {
    return Optional.ofNullable(approvals.get(featureId));
  }

  /** Entries that grant nothing, by full id, with why (edited by hand, malformed). */
  public SortedMap<String, String> invalidEntries() {
    return invalid;
  }

  /** Approves the feature of a catalog entry as it is now, granting every authority it requests. */
  public static Approval approve(Path lock, CatalogEntry entry) throws IOException {
    return approve(lock, entry.id(), entry.digest(), entry.descriptor(), requestedLabels(entry.descriptor()));
  }

  /**
   * Records (or replaces) the approval of {@code featureId} at {@code digest}, granting
   * {@code granted}: a subset of the labels the descriptor requests (leave out optional ones to
   * deny them). Atomic and safe against concurrent writers, see the class comment.
   *
   * @throws IllegalArgumentException if the id is not a plugin id for the descriptor, the digest is
   *     not the descriptor's, or a label is not requested
   * @throws LockFileException if the existing file is not a lock (it is left untouched)
   */
  public static Approval approve(
      Path lock, String featureId, String digest, FeatureDescriptor descriptor, Collection<AuthorityLabel> granted)
      throws IOException {
    checkApprovable(featureId, digest, descriptor, granted);
    Approval approval = new Approval(featureId, digest, new TreeSet<>(granted), descriptor);
    update(lock, features -> {
      features.set(featureId, toJson(approval));
      return null;
    });
    return approval;
  }

  /** Removes the approval of {@code featureId}; returns whether there was one. */
  public static boolean revoke(Path lock, String featureId) throws IOException {
    if (!Files.exists(lock)) {
      return false;
    }
    return update(lock, features -> features.remove(featureId) != null);
  }

  /** Every label {@code descriptor} requests, required and optional. */
  public static SortedSet<AuthorityLabel> requestedLabels(FeatureDescriptor descriptor) {
    SortedSet<AuthorityLabel> labels = new TreeSet<>();
    for (AuthorityRequest request : descriptor.authorities()) {
      labels.add(request.label());
    }
    return labels;
  }

  /** The command a person runs to (re-)approve a feature: {@code yoi approve <id> --lock <path>}. */
  public static String approveCommand(String featureId, Path lock) {
    String where = lock.toString();
    if (where.isEmpty() || where.chars().anyMatch(Character::isWhitespace)) {
      where = "'" + where + "'";
    }
    return "yoi approve " + featureId + " --lock " + where;
  }

  /** The lock text holding exactly {@code approvals}, as {@link #approve} writes it. */
  public static String toJson(Collection<Approval> approvals) {
    ObjectNode features = JsonNodeFactory.instance.objectNode();
    for (Approval approval : approvals) {
      features.set(approval.featureId(), toJson(approval));
    }
    return write(root(features));
  }

  private static void checkApprovable(
      String featureId, String digest, FeatureDescriptor descriptor, Collection<AuthorityLabel> granted) {
    Names.checkQualifiedId("feature id", featureId).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    FeatureSource source = FeatureSource.ofQualifiedId(featureId);
    if (!source.qualify(descriptor.slug()).equals(featureId)) {
      throw new IllegalArgumentException("feature id " + featureId + " does not name the descriptor's"
          + " feature (slug \"" + descriptor.slug() + "\")");
    }
    String actual = Digests.of(descriptor);
    if (!actual.equals(digest)) {
      throw new IllegalArgumentException("digest " + digest + " is not the descriptor's digest " + actual);
    }
    Set<AuthorityLabel> requested = requestedLabels(descriptor);
    List<AuthorityLabel> unknown = granted.stream().filter(label -> !requested.contains(label)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("feature " + featureId + " does not request " + unknown
          + "; it requests " + requested);
    }
  }

  private static Approval parseEntry(String featureId, JsonNode entry) {
    if (Names.checkQualifiedId("id", featureId).isPresent()) {
      throw new IllegalArgumentException("\"" + featureId + "\" is not a full feature id (source:slug)");
    }
    if (!entry.isObject()) {
      throw new IllegalArgumentException("the entry is not an object");
    }
    JsonNode digest = entry.get("digest");
    JsonNode granted = entry.get("granted");
    JsonNode descriptorTree = entry.get("descriptor");
    if (digest == null || !digest.isTextual()) {
      throw new IllegalArgumentException("\"digest\" is missing or not a string");
    }
    if (granted == null || !granted.isArray()) {
      throw new IllegalArgumentException("\"granted\" is missing or not an array");
    }
    if (descriptorTree == null || !descriptorTree.isObject()) {
      throw new IllegalArgumentException("\"descriptor\" is missing or not an object");
    }
    SortedSet<AuthorityLabel> labels = new TreeSet<>();
    for (JsonNode label : granted) {
      if (!label.isTextual()) {
        throw new IllegalArgumentException("\"granted\" holds " + label + ", not a label string");
      }
      labels.add(AuthorityLabel.parse(label.asText()));
    }
    FeatureDescriptor descriptor;
    try {
      descriptor = CanonicalJson.toDescriptor(descriptorTree);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"descriptor\" is not a feature descriptor (" + e.getMessage() + ")");
    }
    String recorded = digest.asText();
    String actual = Digests.of(descriptor);
    if (!recorded.equals(actual)) {
      throw new IllegalArgumentException("its digest " + recorded + " is not the digest of its recorded"
          + " descriptor (" + actual + "): the entry was edited by hand");
    }
    if (!FeatureSource.ofQualifiedId(featureId).qualify(descriptor.slug()).equals(featureId)) {
      throw new IllegalArgumentException("its recorded descriptor is feature \"" + descriptor.slug() + "\"");
    }
    return new Approval(featureId, recorded, labels, descriptor);
  }

  private static ObjectNode toJson(Approval approval) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.set("descriptor", CanonicalJson.toTree(approval.descriptor()));
    entry.put("digest", approval.digest());
    ArrayNode granted = entry.putArray("granted");
    approval.granted().forEach(label -> granted.add(label.toString()));
    return entry;
  }

  private static ObjectNode root(ObjectNode features) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("features", features);
    root.put("format", FORMAT);
    return root;
  }

  private static Optional<ObjectNode> readRoot(Path path) throws IOException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = CanonicalJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new LockFileException("the approval lock " + path + " is " + e.getMessage()
          + "; fix it or delete it and approve the features again", e);
    }
    if (!root.isObject() || !root.path("format").isInt() || !root.path("features").isObject()) {
      throw new LockFileException("the approval lock " + path + " is not a lock file: expected"
          + " {\"format\": " + FORMAT + ", \"features\": {...}}", null);
    }
    if (root.get("format").intValue() != FORMAT) {
      throw new LockFileException("the approval lock " + path + " has format " + root.get("format")
          + "; this version reads format " + FORMAT, null);
    }
    return Optional.of((ObjectNode) root);
  }

  /**
   * Reads, changes and atomically replaces the lock while holding the cross-process guard lock.
   * Entries the change does not touch are kept verbatim, valid or not.
   */
  private static <T> T update(Path lock, Function<ObjectNode, T> change) throws IOException {
    Path file = lock.toAbsolutePath().normalize();
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path guard = dir.resolve(file.getFileName() + ".lck");
    try (FileChannel channel = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = acquire(channel)) {
      ObjectNode features = readRoot(file)
          .map(root -> (ObjectNode) root.get("features"))
          .orElseGet(JsonNodeFactory.instance::objectNode);
      T result = change.apply(features);
      replace(file, write(root(features)));
      return result;
    }
  }

  /**
   * An exclusive lock on the guard file. The JVM refuses a second lock on one file from another
   * thread of the same process ({@link OverlappingFileLockException}) instead of blocking, so
   * threads of one process take turns here; other processes block in {@link FileChannel#lock()}.
   */
  private static FileLock acquire(FileChannel channel) throws IOException {
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the approval lock");
        }
      }
    }
  }

  private static void replace(Path file, String text) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String write(ObjectNode root) {
    try {
      return WRITER.writeValueAsString(CanonicalJson.sorted(root)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  @Override
  public String toString() {
    return "ApprovalLock" + new ArrayList<>(approvals.keySet()) + " at " + path;
  }
}
