package dev.yoi.cli.mcp;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.text.TextTable;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.EnvVariable;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.descriptor.VersionChecks;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.grant.DescriptorDiff;
import dev.yoi.mcp.bridge.BridgeSettings;
import dev.yoi.mcp.bridge.McpBridgeException;
import dev.yoi.mcp.bridge.McpPin;
import dev.yoi.mcp.bridge.ServerText;
import dev.yoi.pod.SecretResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code yoi mcp pin}: starts an MCP server, runs {@code initialize} and {@code tools/list}, and
 * writes the {@code mcp_bridge} feature file a person approves. Run again on an existing file, it
 * shows what changed the way {@code yoi approve} does and writes only when asked.
 */
@Command(
    name = "pin",
    mixinStandardHelpOptions = true,
    header = "Pin an MCP server's tools into a feature file.",
    description = {
      "Starts the server (COMMAND ARGS... after --, or --url), lists its tools and writes a feature file"
          + " (an mcp_bridge descriptor: the server, its tools with their descriptions and input schemas,"
          + " and the authorities given here, each with a reason). Put the file in plugins/project or"
          + " plugins/user, enable the feature in the Pod manifest and approve it with yoi approve.",
      "The server runs with the environment the host will give it: PATH, HOME, the locale variables"
          + " and the --env / --env-secret variables (secrets read from this environment, as the host's"
          + " default resolver does).",
      "If --out already holds a pin, the server is started with the file's settings (each option given"
          + " here replaces the file's), and the differences are shown; the file is rewritten only with"
          + " --update."
    },
    footer = {"", "Examples:",
      "  yoi mcp pin --slug everything --out plugins/project/everything.features.jsonl \\",
      "      -- npx @modelcontextprotocol/server-everything",
      "  yoi mcp pin --slug files --authority FILESYSTEM:/srv/docs=\"Reads the team's docs\" \\",
      "      -- node server-filesystem/dist/index.js",
      "  yoi mcp pin --out plugins/project/everything.features.jsonl --update"})
public final class McpPinCommand implements Callable<Integer> {
  @Option(names = "--slug", paramLabel = "SLUG", description = "The feature id without its source"
      + " (e.g. everything); default: the pinned file's.")
  private String slug;

  @Option(names = "--name", paramLabel = "NAME", description = "Human-readable name; default: the server's.")
  private String name;

  @Option(names = "--version", paramLabel = "SEMVER", description = "The feature's version; default: the"
      + " server's when it is SemVer (a re-pin keeps the file's).")
  private String version;

  @Option(names = "--description", paramLabel = "TEXT", description = "What it does; default: names the server.")
  private String description;

  @Option(names = "--authority", paramLabel = "KIND[:scope]=reason", description = "An authority the"
      + " feature requires, with the reason an approver reads. Repeatable.")
  private List<String> required = new ArrayList<>();

  @Option(names = "--optional-authority", paramLabel = "KIND[:scope]=reason", description = "An authority"
      + " the feature can do without (a denied optional secret leaves its variable unset). Repeatable.")
  private List<String> optional = new ArrayList<>();

  @Option(names = "--env", paramLabel = "NAME=value", description = "A literal environment variable for"
      + " the server. Repeatable.")
  private List<String> env = new ArrayList<>();

  @Option(names = "--env-secret", paramLabel = "NAME=secret", description = "An environment variable set"
      + " from a secret, passed only while SECRET_REF:secret is granted (request it with --authority or"
      + " --optional-authority). Repeatable.")
  private List<String> envSecret = new ArrayList<>();

  @Option(names = "--cwd", paramLabel = "DIR", description = "The server's working directory (absolute);"
      + " default: the host's.")
  private Path cwd;

  @Option(names = "--url", paramLabel = "URL", description = "A Streamable HTTP server instead of a"
      + " command: loopback, or a host a NETWORK authority names.")
  private String url;

  @Option(names = "--out", paramLabel = "FILE", description = "The feature file; default: SLUG.features.jsonl.")
  private Path out;

  @Option(names = {"--update", "--write"}, description = "Rewrite an existing pin that changed.")
  private boolean update;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "How long"
      + " starting the server and listing its tools may take (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command that starts a stdio"
      + " server, and its arguments, after --.")
  private List<String> command = new ArrayList<>();

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path file = out != null ? out : slug != null ? Path.of(slug + IndexLine.FEATURE_FILE_SUFFIX) : null;
    Optional<FeatureDescriptor> previous;
    try {
      previous = file == null ? Optional.empty() : previous(file);
    } catch (UsageException e) {
      err.print(TerminalText.message("yoi mcp pin: " + e.getMessage()));
      return ExitCodes.USAGE;
    }
    McpPin.Request request;
    try {
      request = request(previous);
    } catch (UsageException e) {
      err.print(TerminalText.message("yoi mcp pin: " + e.getMessage()));
      return ExitCodes.USAGE;
    }
    if (file == null) {
      file = Path.of(request.slug() + IndexLine.FEATURE_FILE_SUFFIX);
    }
    List<String> problems = McpPin.problems(request);
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.print(TerminalText.message("yoi mcp pin: " + p + ".")));
      return ExitCodes.USAGE;
    }
    BridgeSettings settings = BridgeSettings.defaults();
    settings = new BridgeSettings(settings.callTimeout(), Duration.ofSeconds(Math.max(1, timeoutSeconds)),
        settings.stopGrace(), 20, settings.hostEnvironment());
    SecretResolver secrets = SecretResolver.environment();
    McpPin.Result pinned;
    try {
      pinned = McpPin.pin(request, secrets::resolve, settings, line -> {});
    } catch (McpBridgeException e) {
      err.print(TerminalText.message("yoi mcp pin: " + e.getMessage()));
      return ExitCodes.PROBLEMS;
    }
    FeatureDescriptor d = pinned.descriptor();
    describe(pinned, request.server(), stdout);
    if (previous.isPresent()) {
      DescriptorDiff diff = DescriptorDiff.between(previous.get(), d);
      if (diff.isEmpty()) {
        stdout.println(file + " already pins exactly this (" + Digests.of(d) + "); nothing to write.");
        return ExitCodes.OK;
      }
      stdout.println();
      stdout.println("It differs from " + file + " (" + Digests.of(previous.get()) + " -> " + Digests.of(d) + "):");
      diff.lines().forEach(l -> stdout.print(TextTable.hanging("  ", "    ", TerminalText.inline(ServerText.escape(l, 2000)))));
      stdout.println("(+ added, - removed, ~ changed, ! widens an authority.)");
      if (!update) {
        stdout.println("Not written: run again with --update to pin this, then approve the new digest.");
        return ExitCodes.PROBLEMS;
      }
    }
    write(file, IndexFile.write(List.of(pinned.line())));
    stdout.println("Wrote " + file + " (" + Digests.of(d) + ").");
    stdout.println("Next: keep it in plugins/project (or plugins/user), enable project:" + d.slug()
        + " in the Pod manifest, and approve it: yoi approve project:" + d.slug() + " --lock features.lock.json");
    return ExitCodes.OK;
  }

  /** The request: the options given, over the previous pin's settings where an option is not. */
  private McpPin.Request request(Optional<FeatureDescriptor> previous) throws UsageException {
    if (!command.isEmpty() && url != null) {
      throw new UsageException("give either a COMMAND after -- or --url, not both");
    }
    String s = slug != null ? slug : previous.map(FeatureDescriptor::slug).orElse(null);
    if (s == null) {
      throw new UsageException("--slug is required for a new pin (e.g. --slug everything)");
    }
    McpServer server;
    if (url != null) {
      server = new McpServer.StreamableHttp(url);
    } else if (!command.isEmpty()) {
      server = new McpServer.Stdio(command.get(0), command.subList(1, command.size()),
          cwd == null ? "" : cwd.toAbsolutePath().normalize().toString(), environment());
    } else if (previous.isPresent()) {
      server = previous.get().server();
      if (server instanceof McpServer.Stdio stdio && (cwd != null || !env.isEmpty() || !envSecret.isEmpty())) {
        server = new McpServer.Stdio(stdio.command(), stdio.args(),
            cwd == null ? stdio.workingDirectory() : cwd.toAbsolutePath().normalize().toString(),
            env.isEmpty() && envSecret.isEmpty() ? stdio.environment() : environment());
      }
    } else {
      throw new UsageException("name the server: a COMMAND and its arguments after -- (e.g. -- npx"
          + " @modelcontextprotocol/server-everything), or --url");
    }
    List<AuthorityRequest> authorities = new ArrayList<>();
    for (String a : required) {
      authorities.add(authority(a, false));
    }
    for (String a : optional) {
      authorities.add(authority(a, true));
    }
    if (authorities.isEmpty() && previous.isPresent()) {
      authorities = previous.get().authorities();
    }
    return new McpPin.Request(s,
        name != null ? name : previous.map(FeatureDescriptor::name).orElse(null),
        version != null ? version : previous.map(FeatureDescriptor::version).orElse(null),
        description != null ? description : previous.map(FeatureDescriptor::description).orElse(null),
        server, authorities);
  }

  private List<EnvVariable> environment() throws UsageException {
    List<EnvVariable> variables = new ArrayList<>();
    for (String e : env) {
      String[] pair = pair("--env", e, "NAME=value");
      variables.add(EnvVariable.literal(pair[0], pair[1]));
    }
    for (String e : envSecret) {
      String[] pair = pair("--env-secret", e, "NAME=secret");
      variables.add(EnvVariable.fromSecret(pair[0], pair[1]));
    }
    return variables;
  }

  private static AuthorityRequest authority(String text, boolean optional) throws UsageException {
    String option = optional ? "--optional-authority" : "--authority";
    String[] pair = pair(option, text, "KIND[:scope]=reason");
    String label = pair[0];
    int colon = label.indexOf(':');
    String kindName = (colon < 0 ? label : label.substring(0, colon)).toUpperCase(Locale.ROOT);
    AuthorityKind kind;
    try {
      kind = AuthorityKind.valueOf(kindName);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " " + text + ": " + kindName + " is not an authority kind (one of "
          + java.util.Arrays.toString(AuthorityKind.values()) + ")");
    }
    if (pair[1].isBlank()) {
      throw new UsageException(option + " " + text + ": the reason is empty; write what the server needs it"
          + " for, as an approver will read it");
    }
    return new AuthorityRequest(kind, colon < 0 ? "" : label.substring(colon + 1), optional, pair[1]);
  }

  private static String[] pair(String option, String text, String form) throws UsageException {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new UsageException(option + " " + text + ": write " + form);
    }
    return new String[] {text.substring(0, equals), text.substring(equals + 1)};
  }

  /** The descriptor an existing feature file pins; empty when there is no file. */
  private static Optional<FeatureDescriptor> previous(Path file) throws UsageException, IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    List<IndexEntry> entries = IndexFile.readFeatureFile(file.toUri().toString(), bytes, new VersionChecks());
    if (entries.size() != 1 || !(entries.get(0) instanceof IndexEntry.Valid valid)) {
      String why = entries.isEmpty() ? "it is empty"
          : entries.get(0) instanceof IndexEntry.Broken broken ? broken.message() : "it holds " + entries.size() + " lines";
      throw new UsageException(file + " is not a pinned feature file (" + why + "); remove it or choose another --out");
    }
    return Optional.of(valid.line().descriptor());
  }

  private static void describe(McpPin.Result pinned, McpServer server, PrintWriter out) {
    FeatureDescriptor d = pinned.descriptor();
    String info = pinned.serverInfo() == null ? "" : " (the server says it is "
        + ServerText.escape(pinned.serverInfo().name(), 100) + " " + ServerText.escape(pinned.serverInfo().version(), 40) + ")";
    out.print(TextTable.hanging("", "  ", TerminalText.inline("Pinned " + d.slug() + " " + d.version() + info + ": "
        + McpPin.describe(server))));
    if (server instanceof McpServer.Stdio stdio) {
      for (EnvVariable variable : stdio.environment()) {
        out.println("  env " + TerminalText.inline(variable.name() + (variable.usesSecret() ? " from secret " + variable.secret()
            : "=" + ServerText.escape(variable.value(), 200))));
      }
    }
    out.println("  " + d.tools().size() + (d.tools().size() == 1 ? " tool:" : " tools:"));
    for (ToolDescriptor tool : d.tools()) {
      out.print(TextTable.hanging("    ", "      ", TerminalText.inline(tool.name() + ": " + ServerText.escape(tool.description(), 160))));
    }
    for (String skipped : pinned.skipped()) {
      out.print(TextTable.hanging("  ", "    ", "not pinned: " + TerminalText.inline(skipped)));
    }
    if (d.authorities().isEmpty()) {
      out.println("  It requests no authority.");
    }
    for (AuthorityRequest a : d.authorities()) {
      out.print(TextTable.hanging("  ", "    ", "requests " + a.label() + (a.optional() ? " (optional): " : " (required): ")
          + TerminalText.multiline(a.reason())));
    }
  }

  /** Writes the whole file or nothing: a reader never sees half a pin. */
  private static void write(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A mistake on the command line, said in one sentence. */
  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
