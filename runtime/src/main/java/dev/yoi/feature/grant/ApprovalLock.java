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
import dev.yoi.feature.catalog.PluginCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
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
 * An approval lock: what a person approved for each user and project feature, keyed by full id
 * and locked to a digest. Two files have this format: the person's own lock (by default
 * {@code ~/.yoi/approvals.json}, see {@link ApprovalSettings}), where project features are kept
 * per project, under the project's canonical path; and a project's lock ({@code features.lock.json}
 * beside its manifest), which a host reads but trusts only when told to.
 *
 * <pre>{@code
 * {
 *   "features": {
 *     "user:journal": {
 *       "code": "sha256:9b2e...",          // the plugin's jar, when it was approved (optional)
 *       "descriptor": { ...the approved descriptor, canonical... },
 *       "digest": "sha256:3f1c...",
 *       "granted": [ "STATE_STORE:journal" ],
 *       "seal": "sha256:77a0..."
 *     }
 *   },
 *   "format": 2,
 *   "projects": {
 *     "/home/me/src/weather-app": {
 *       "project:weather": { ...an entry as above... }
 *     }
 *   }
 * }
 * }</pre>
 *
 * Keys are sorted at every level, two-space indented, '\n' line ends, so the file diffs well and
 * the same approvals always give the same bytes. {@code descriptor} is kept so that a changed
 * feature can be shown exactly what changed since it was approved.
 *
 * <p>An entry grants only when its {@code digest} is the feature's digest, the digest of its own
 * {@code descriptor}, and its {@code seal} is SHA-256 over its feature id, project, digest,
 * grants and code (see {@link #seal}). A hand edit (a label appended to {@code granted}, a digest
 * pasted in, an entry copied to another project) therefore grants nothing and says so. The seal
 * is a checksum, not a signature: whoever can write the file can recompute it. It catches a
 * mistaken or naive edit; what keeps a project from approving its own plugins is where the
 * person's lock lives (outside the project), not the seal. See docs/reliability.md.
 *
 * <p>Writes ({@link #approve}, {@link #revoke}) hold an exclusive {@link FileChannel#lock() file
 * lock} on the sibling {@code <name>.lck} while they read, change and replace the file, and
 * replace it atomically (a temporary file in the same directory, then
 * {@link StandardCopyOption#ATOMIC_MOVE}): concurrent approvals from several processes lose no
 * update, and a reader sees the old file or the new one, never half of one. The guard is marked
 * retired and deleted before its lock is released, so nothing is left beside the lock; a writer
 * that was waiting on the deleted guard sees the mark once it gets the lock, and locks a new one.
 */
public final class ApprovalLock {
  /** The conventional file name of a project's lock. */
  public static final String FILE_NAME = "features.lock.json";

  /** The lock format this version reads and writes (2: sealed entries, approvals per project). */
  public static final int FORMAT = 2;

  /** The key of the entries that belong to no project (user features, and a project's own lock). */
  private static final String NO_PROJECT = "";

  /** The guard file's first byte once its holder is done with it and removes it. */
  private static final byte RETIRED = 'x';
  /** How often to retry (2 ms apart) a guard file another writer is removing. */
  private static final int GUARD_ATTEMPTS = 5_000;

  /**
   * The lock's own writer (the descriptor module's canonical mapper is private to it), built on
   * the first write: a Pod that only reads the lock never needs it.
   */
  private static final class Json {
    static final ObjectWriter WRITER = new ObjectMapper().writer(prettyPrinter());
  }

  private final Path path;
  /** By project key ({@link #NO_PROJECT} for the top-level {@code features}), then full id. */
  private final Map<String, SortedMap<String, Approval>> approvals;
  private final Map<String, SortedMap<String, String>> invalid;

  private ApprovalLock(
      Path path, Map<String, SortedMap<String, Approval>> approvals, Map<String, SortedMap<String, String>> invalid) {
    this.path = path;
    this.approvals = approvals;
    this.invalid = invalid;
  }

  /**
   * Reads the lock; a file that does not exist is an empty lock.
   *
   * @throws LockFileException if the file is not a lock (not JSON, another format)
   */
  public static ApprovalLock read(Path path) throws IOException {
    Optional<ObjectNode> root = readRoot(path);
    Map<String, SortedMap<String, Approval>> approvals = new TreeMap<>();
    Map<String, SortedMap<String, String>> invalid = new TreeMap<>();
    if (root.isPresent()) {
      readEntries(NO_PROJECT, (ObjectNode) root.get().get("features"), approvals, invalid);
      JsonNode projects = root.get().get("projects");
      if (projects != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = projects.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> project = it.next();
          readEntries(project.getKey(), (ObjectNode) project.getValue(), approvals, invalid);
        }
      }
    }
    approvals.replaceAll((project, entries) -> Collections.unmodifiableSortedMap(entries));
    invalid.replaceAll((project, entries) -> Collections.unmodifiableSortedMap(entries));
    return new ApprovalLock(path, approvals, invalid);
  }

  private static void readEntries(
      String project, ObjectNode features, Map<String, SortedMap<String, Approval>> approvals,
      Map<String, SortedMap<String, String>> invalid) {
    for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      try {
        approvals.computeIfAbsent(project, p -> new TreeMap<>())
            .put(field.getKey(), parseEntry(project, field.getKey(), field.getValue()));
      } catch (IllegalArgumentException e) {
        invalid.computeIfAbsent(project, p -> new TreeMap<>()).put(field.getKey(), e.getMessage());
      }
    }
  }

  /** The file this lock was read from. */
  public Path path() {
    return path;
  }

  /** The valid entries that belong to no project (user features; a project's own lock), by full id. */
  public SortedMap<String, Approval> approvals() {
    return approvals.getOrDefault(NO_PROJECT, Collections.emptySortedMap());
  }

  public Optional<Approval> approval(String featureId) {
    return Optional.ofNullable(approvals().get(featureId));
  }

  /** Entries that belong to no project and grant nothing, by full id, with why (edited by hand, malformed). */
  public SortedMap<String, String> invalidEntries() {
    return invalid.getOrDefault(NO_PROJECT, Collections.emptySortedMap());
  }

  /** The valid entries of one project (its directory, made canonical by {@link #projectKey}), by full id. */
  public SortedMap<String, Approval> approvals(Path project) {
    return approvals.getOrDefault(projectKey(project), Collections.emptySortedMap());
  }

  public Optional<Approval> approval(Path project, String featureId) {
    return Optional.ofNullable(approvals(project).get(featureId));
  }

  /** One project's entries that grant nothing, by full id, with why. */
  public SortedMap<String, String> invalidEntries(Path project) {
    return invalid.getOrDefault(projectKey(project), Collections.emptySortedMap());
  }

  /**
   * The key a project's approvals are kept under: its directory's canonical path (symbolic links
   * resolved), or its absolute normalised path while it does not exist.
   */
  public static String projectKey(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    try {
      return absolute.toRealPath().toString();
    } catch (IOException e) {
      return absolute.toString();
    }
  }

  /** Approves the feature of a catalog entry as it is now, granting every authority it requests. */
  public static Approval approve(Path lock, CatalogEntry entry) throws IOException {
    return approve(lock, new Approval(entry.id(), entry.digest(), requestedLabels(entry.descriptor()),
        entry.descriptor(), codeOf(entry)));
  }

  /**
   * Records (or replaces) the approval of {@code featureId} at {@code digest}, granting
   * {@code granted}: a subset of the labels the descriptor requests (leave out optional ones to
   * deny them). The entry belongs to no project and pins no code. Atomic and safe against
   * concurrent writers, see the class comment.
   *
   * @throws IllegalArgumentException if the id is not a plugin id for the descriptor, the digest is
   *     not the descriptor's, or a label is not requested
   * @throws LockFileException if the existing file is not a lock (it is left untouched)
   */
  public static Approval approve(
      Path lock, String featureId, String digest, FeatureDescriptor descriptor, Collection<AuthorityLabel> granted)
      throws IOException {
    return approve(lock, new Approval(featureId, digest, granted, descriptor));
  }

  /** Records (or replaces) {@code approval} among the entries that belong to no project. */
  public static Approval approve(Path lock, Approval approval) throws IOException {
    return store(lock, NO_PROJECT, approval);
  }

  /**
   * Records (or replaces) {@code approval} for the project in {@code project} (a directory; the
   * key is {@link #projectKey its canonical path}): how a person's own lock keeps project features.
   *
   * @throws IllegalArgumentException as {@link #approve(Path, String, String, FeatureDescriptor,
   *     Collection)}, and if the feature is not a project feature
   */
  public static Approval approve(Path lock, Path project, Approval approval) throws IOException {
    if (FeatureSource.ofQualifiedId(approval.featureId()) != FeatureSource.PROJECT) {
      throw new IllegalArgumentException(approval.featureId() + " is not a project feature; only project"
          + " features are approved per project");
    }
    return store(lock, projectKey(project), approval);
  }

  private static Approval store(Path lock, String project, Approval approval) throws IOException {
    checkApprovable(approval.featureId(), approval.digest(), approval.descriptor(), approval.granted());
    update(lock, root -> {
      features(root, project, true).set(approval.featureId(), toJson(project, approval));
      return null;
    });
    return approval;
  }

  /** Removes the approval of {@code featureId} that belongs to no project; returns whether there was one. */
  public static boolean revoke(Path lock, String featureId) throws IOException {
    if (!Files.exists(lock)) {
      return false;
    }
    return update(lock, root -> features(root, NO_PROJECT, false).remove(featureId) != null);
  }

  /** The code digest of a catalog entry's jar or class directory, if it can be read. */
  public static Optional<String> codeOf(CatalogEntry entry) {
    Optional<Path> root = PluginCode.root(entry.location());
    if (root.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PluginCode.digest(root.get()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Every label {@code descriptor} requests, required and optional. */
  public static SortedSet<AuthorityLabel> requestedLabels(FeatureDescriptor descriptor) {
    SortedSet<AuthorityLabel> labels = new TreeSet<>();
    for (AuthorityRequest request : descriptor.authorities()) {
      labels.add(request.label());
    }
    return labels;
  }

  /** The command a person runs to (re-)approve a feature into a given lock: {@code yoi approve <id> --lock <path>}. */
  public static String approveCommand(String featureId, Path lock) {
    return "yoi approve " + featureId + " --lock " + quoted(lock.toString());
  }

  /**
   * The command a person runs to (re-)approve a feature into their own lock: {@code yoi approve
   * <id>}, with {@code --project-dir} for a project feature, and {@code --user-lock} unless the
   * lock is the default one.
   */
  public static String approveCommand(String featureId, Optional<Path> project, Path userLock) {
    StringBuilder command = new StringBuilder("yoi approve ").append(featureId);
    project.ifPresent(dir -> command.append(" --project-dir ").append(quoted(projectKey(dir))));
    if (!userLock.toAbsolutePath().normalize().equals(ApprovalSettings.defaultUserLock().toAbsolutePath().normalize())) {
      command.append(" --user-lock ").append(quoted(userLock.toString()));
    }
    return command.toString();
  }

  private static String quoted(String path) {
    return path.isEmpty() || path.chars().anyMatch(Character::isWhitespace) ? "'" + path + "'" : path;
  }

  /** The lock text holding exactly {@code approvals} (none of them per project), as {@link #approve} writes it. */
  public static String toJson(Collection<Approval> approvals) {
    ObjectNode root = root();
    ObjectNode features = (ObjectNode) root.get("features");
    for (Approval approval : approvals) {
      features.set(approval.featureId(), toJson(NO_PROJECT, approval));
    }
    return write(root);
  }

  /**
   * What an entry's {@code seal} is: {@code sha256:} + SHA-256 over the canonical JSON of
   * {@code {"code": .., "digest": .., "feature": .., "granted": [..], "project": ..}} ({@code code}
   * left out when none is pinned, {@code project} empty for an entry that belongs to no project).
   */
  public static String seal(String project, Approval approval) {
    ObjectNode sealed = JsonNodeFactory.instance.objectNode();
    approval.code().ifPresent(code -> sealed.put("code", code));
    sealed.put("digest", approval.digest());
    sealed.put("feature", approval.featureId());
    ArrayNode granted = sealed.putArray("granted");
    approval.granted().forEach(label -> granted.add(label.toString()));
    sealed.put("project", project);
    return Digests.ofCanonicalJson(CanonicalJson.write(sealed));
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

  private static Approval parseEntry(String project, String featureId, JsonNode entry) {
    if (Names.checkQualifiedId("id", featureId).isPresent()) {
      throw new IllegalArgumentException("\"" + featureId + "\" is not a full feature id (source:slug)");
    }
    if (!project.equals(NO_PROJECT) && FeatureSource.ofQualifiedId(featureId) != FeatureSource.PROJECT) {
      throw new IllegalArgumentException("it is kept under project " + project + ", but only project"
          + " features are approved per project");
    }
    if (!entry.isObject()) {
      throw new IllegalArgumentException("the entry is not an object");
    }
    JsonNode digest = entry.get("digest");
    JsonNode granted = entry.get("granted");
    JsonNode descriptorTree = entry.get("descriptor");
    JsonNode code = entry.get("code");
    JsonNode seal = entry.get("seal");
    if (digest == null || !digest.isTextual()) {
      throw new IllegalArgumentException("\"digest\" is missing or not a string");
    }
    if (granted == null || !granted.isArray()) {
      throw new IllegalArgumentException("\"granted\" is missing or not an array");
    }
    if (descriptorTree == null || !descriptorTree.isObject()) {
      throw new IllegalArgumentException("\"descriptor\" is missing or not an object");
    }
    if (code != null && !code.isTextual()) {
      throw new IllegalArgumentException("\"code\" is not a string");
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
    Approval approval = new Approval(featureId, recorded, labels, descriptor,
        code == null ? Optional.empty() : Optional.of(code.asText()));
    if (seal == null || !seal.isTextual()) {
      throw new IllegalArgumentException("it has no \"seal\": the entry was written by hand, not by"
          + " yoi approve");
    }
    if (!seal.asText().equals(seal(project, approval))) {
      throw new IllegalArgumentException("its seal does not match its grants, digest, code and place"
          + " in the lock: the entry was edited by hand (a label added to \"granted\", say) after"
          + " yoi approve wrote it");
    }
    Set<AuthorityLabel> requested = requestedLabels(descriptor);
    List<AuthorityLabel> unknown = labels.stream().filter(label -> !requested.contains(label)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("it grants " + unknown + ", which its recorded descriptor does"
          + " not request");
    }
    return approval;
  }

  private static ObjectNode toJson(String project, Approval approval) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    approval.code().ifPresent(code -> entry.put("code", code));
    entry.set("descriptor", CanonicalJson.toTree(approval.descriptor()));
    entry.put("digest", approval.digest());
    ArrayNode granted = entry.putArray("granted");
    approval.granted().forEach(label -> granted.add(label.toString()));
    entry.put("seal", seal(project, approval));
    return entry;
  }

  private static ObjectNode root() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("features");
    root.put("format", FORMAT);
    return root;
  }

  /** The entries of {@code project} in a root, created when {@code create}; an empty detached node otherwise. */
  private static ObjectNode features(ObjectNode root, String project, boolean create) {
    if (project.equals(NO_PROJECT)) {
      return (ObjectNode) root.get("features");
    }
    ObjectNode projects = (ObjectNode) root.get("projects");
    if (projects == null) {
      if (!create) {
        return JsonNodeFactory.instance.objectNode();
      }
      projects = root.putObject("projects");
    }
    JsonNode features = projects.get(project);
    if (features == null) {
      return create ? projects.putObject(project) : JsonNodeFactory.instance.objectNode();
    }
    return (ObjectNode) features;
  }

  private static Optional<ObjectNode> readRoot(Path path) throws IOException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.MalformedInputException e) {
      throw new LockFileException("the approval lock " + path + " is not UTF-8 text; fix it or delete"
          + " it and approve the features again", e);
    }
    JsonNode root;
    try {
      root = CanonicalJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new LockFileException("the approval lock " + path + " is " + e.getMessage()
          + "; fix it or delete it and approve the features again", e);
    }
    if (root == null || !root.isObject() || !root.path("format").isInt() || !root.path("features").isObject()) {
      throw new LockFileException("the approval lock " + path + " is not a lock file: expected"
          + " {\"format\": " + FORMAT + ", \"features\": {...}}" + (text.isBlank() ? " (it is empty)" : "")
          + "; fix it or delete it and approve the features again", null);
    }
    int format = root.get("format").intValue();
    if (format != FORMAT) {
      throw new LockFileException("the approval lock " + path + " has format " + root.get("format")
          + "; this version reads format " + FORMAT + (format == 1 ? " (format 1, from an earlier yoi,"
              + " has no seals and no approvals per project): delete it and approve the features again"
              : ""), null);
    }
    JsonNode projects = root.get("projects");
    if (projects != null) {
      boolean valid = projects.isObject();
      for (Iterator<JsonNode> it = projects.elements(); valid && it.hasNext(); ) {
        valid = it.next().isObject();
      }
      if (!valid) {
        throw new LockFileException("the approval lock " + path + " is not a lock file: \"projects\" must"
            + " map each project's path to an object of entries; fix it or delete it and approve the"
            + " features again", null);
      }
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
    for (int retired = 0; ; retired++) {
      try (FileChannel channel = openGuard(guard); FileLock held = acquire(channel)) {
        if (isRetired(channel)) {
          // The writer before us retired this guard while we waited for it: lock the current one.
          if (retired >= GUARD_ATTEMPTS) {
            throw new IOException("the guard file " + guard + " of the approval lock was left behind"
                + " by a writer that stopped while removing it; delete it, then approve again");
          }
          pause();
          continue;
        }
        try {
          ObjectNode root = readRoot(file).orElseGet(ApprovalLock::root);
          T result = change.apply(root);
          replace(file, write(root));
          return result;
        } finally {
          retire(channel, guard);
        }
      }
    }
  }

  /**
   * Opens (creating) the guard. A platform that keeps a deleted file until its last handle closes
   * refuses to open it meanwhile: wait for it to go, a bounded while.
   */
  private static FileChannel openGuard(Path guard) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (AccessDeniedException e) {
        if (attempt >= GUARD_ATTEMPTS || !Files.exists(guard)) {
          throw e;
        }
        pause();
      }
    }
  }

  /**
   * Whether the guard's holder before us marked it retired. Read through our own channel: opening
   * the file a second time and closing it would drop this process's lock on it (POSIX locks).
   */
  private static boolean isRetired(FileChannel channel) throws IOException {
    ByteBuffer mark = ByteBuffer.allocate(1);
    return channel.read(mark, 0) == 1 && mark.get(0) == RETIRED;
  }

  /**
   * Removes the guard while still holding it, so that nothing is left beside the lock: marks it
   * retired first, so a writer that opened it meanwhile and gets the lock next knows to open the
   * guard anew. If it cannot be removed, it is unmarked and stays, a working guard.
   */
  private static void retire(FileChannel channel, Path guard) {
    try {
      channel.write(ByteBuffer.wrap(new byte[] {RETIRED}), 0);
      try {
        Files.deleteIfExists(guard);
      } catch (IOException e) {
        channel.write(ByteBuffer.wrap(new byte[] {0}), 0);
      }
    } catch (IOException e) {
      // The guard stays as it is, still a working guard.
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
        pause();
      }
    }
  }

  private static void pause() throws InterruptedIOException {
    try {
      Thread.sleep(2);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the approval lock");
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
      return Json.WRITER.writeValueAsString(CanonicalJson.sorted(root)) + "\n";
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
    return "ApprovalLock" + new ArrayList<>(approvals().keySet()) + " and " + (approvals.size()
        - (approvals.containsKey(NO_PROJECT) ? 1 : 0)) + " project(s) at " + path;
  }
}
