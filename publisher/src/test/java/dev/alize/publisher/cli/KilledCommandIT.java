package dev.alize.publisher.cli;

import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static dev.alize.publisher.cli.SampleDatasources.EOLE_NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.process.ProcessRun;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.http.ServerSettings;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.AuditLog;
import dev.alize.publisher.repository.ReleaseRequest;
import dev.alize.publisher.repository.RepositoryEditor;
import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged publisher killed with SIGKILL at a random moment of each command that writes a
 * repository: the repository left must verify, with the consumers' own client and with tuf-js, as
 * it was before the command or as it is after an uncut run, never a mix; and the next command must
 * succeed and end where an uncut run ends, with no lock or temporary file removed by hand. {@code
 * init} is all or nothing.
 *
 * <p>Each trial draws its moment from a seeded {@link SplittableRandom}: either a delay after the
 * command started, or a few milliseconds after its first write, so that many cuts fall among the
 * writes. The seed is printed; {@code -Dcrash.seed=N} replays a run. {@code -Dcrash.trials=N} sets
 * the trials per command (1 by default; the {@code crash} profile runs many).
 */
class KilledCommandIT {

  private static final Path JAR = Path.of("target/publisher.jar");
  private static final int TRIALS = Integer.getInteger("crash.trials", 1);
  private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
  private static final long FIRST_WRITE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(60);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** Metadata signed this long ago, valid for a month: due for re-signing, not yet expired. */
  private static final Duration SIGNED_AGO = Duration.ofDays(20);

  private static final RepositorySettings MONTHLY =
      RepositorySettings.DEFAULT
          .with("targets", Duration.ofDays(30))
          .with("snapshot", Duration.ofDays(30))
          .with("timestamp", Duration.ofDays(30));

  @TempDir Path temp;

  /**
   * What a consumer sees of a repository: each target's hash and channel, the roles whose keys
   * differ from the fixture's, and the roles due for re-signing.
   */
  private record Seen(Map<String, String> targets, Set<String> rotated, Set<String> due) {}

  /** A command, run on the repository {@code DIR/repo} with the keys {@code DIR/keys}. */
  private record Command(String name, List<Object> args) {}

  @Test
  void release_killedAnywhere_leavesAVerifiedRepository_andTheNextReleaseRecovers() {
    trials(
        this::released,
        new Command("release", List.of("release", EOLE_NEXT, "--version", "2.0.0")));
  }

  @Test
  void promote_killedAnywhere_leavesAVerifiedRepository_andTheNextPromoteRecovers() {
    trials(
        this::released,
        new Command("promote", List.of("promote", "eole", "1.0.0", "--channel", "stable")));
  }

  @Test
  void rotateKey_killedAnywhere_leavesAVerifiedRepository_andTheNextRotationRecovers() {
    trials(this::released, new Command("rotate-key", List.of("rotate-key", "targets")));
  }

  @Test
  void refresh_killedAnywhere_leavesAVerifiedRepository_andTheNextRefreshRecovers() {
    trials(this::signedLongAgo, new Command("refresh", List.of("refresh")));
  }

  @Test
  void serve_killedWhileReSigning_leavesAVerifiedRepository_andTheNextRefreshRecovers() {
    trials(this::signedLongAgo, new Command("serve", List.of("serve", "--port", 0)));
  }

  @Test
  void init_killedAnywhere_leavesNoRepositoryOrAWholeOne() throws Exception {
    List<Object> init = List.of("init");
    Path uncut = temp.resolve("uncut");
    long started = System.nanoTime();
    ok(jar(uncut, init));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    checkWhole(uncut, "the uncut init");
    for (int i = 0; i < TRIALS; i++) {
      long seed = SEED + i;
      Path dir = temp.resolve("trial-" + i);
      Files.createDirectories(dir);
      String cut = killAtRandom(command(dir, init), List.of(dir), took, new SplittableRandom(seed));
      String trial = trialName("init", seed, cut);
      if (Files.exists(dir.resolve("repo"))) {
        System.out.println("  left a whole repository");
        checkWhole(dir, trial);
        ProcessRun again = jar(dir, init);
        assertNotEquals(0, again.exit(), trial);
        assertTrue(again.err().contains("is already a repository"), trial + ": " + again.err());
        checkWhole(dir, trial + ", then init again");
      } else {
        System.out.println("  left no repository");
        ProcessRun again = jar(dir, init);
        assertEquals(0, again.exit(), () -> trial + ": the next init fails: " + again.err());
        checkWhole(dir, trial + ", then init again");
      }
    }
  }

  /**
   * Runs the command uncut on a copy of the fixture, then {@link #TRIALS} times killed on another,
   * checking what each leaves and that the next command recovers from it.
   */
  private void trials(FixtureMaker fixture, Command command) {
    Path base = temp.resolve("fixture");
    fixture.make(base);
    byte[] trusted = VerifiedRepository.read(base.resolve("repo/metadata/1.root.json"));
    RootMetadata fixtureRoot = verify(base, trusted, "the fixture").root();
    Seen before = seen(verify(base, trusted, "the fixture"), fixtureRoot);

    Path uncut = copy(base, temp.resolve("uncut"));
    long started = System.nanoTime();
    runUncut(uncut, command);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Seen after = seen(verify(uncut, trusted, "the uncut " + command.name()), fixtureRoot);
    assertNotEquals(before, after, "the command changes nothing a consumer sees");
    long actions = audited(uncut, action(command));

    for (int i = 0; i < TRIALS; i++) {
      long seed = SEED + i;
      Path dir = copy(base, temp.resolve("trial-" + i));
      List<Path> watched =
          Stream.of("repo/metadata", "repo/targets", "repo/targets/eole", "keys/targets")
              .map(dir::resolve)
              .toList();
      String cut =
          killAtRandom(command(dir, command.args()), watched, took, new SplittableRandom(seed));
      String trial = trialName(command.name(), seed, cut);

      Seen left = seenByBothClients(dir, trusted, fixtureRoot, trial);
      assertTrue(
          left.equals(before) || left.equals(after),
          () -> trial + ": a consumer sees " + left + ", neither " + before + " nor " + after);
      System.out.println("  left the repository as " + (left.equals(before) ? "before" : "after"));

      // Repeated when it had not taken effect; else another command, and refresh writes too.
      List<Object> next =
          left.equals(before) && !command.name().equals("serve")
              ? command.args()
              : List.of("refresh");
      ProcessRun recovery = jar(dir, next);
      assertEquals(
          0, recovery.exit(), () -> trial + ": then " + next + " fails: " + recovery.err());
      Seen end = seenByBothClients(dir, trusted, fixtureRoot, trial + ", then " + next);
      assertEquals(after, end, trial + ", then " + next);
      assertEquals(
          actions, audited(dir, action(command)), trial + ": audit entries of " + command.name());
      checkNoLeftovers(dir, trial + ", then " + next);
    }
  }

  /** Runs the command to its end; serve, which never ends, until it has re-signed. */
  private void runUncut(Path dir, Command command) {
    if (!command.name().equals("serve")) {
      ok(jar(dir, command.args()));
      return;
    }
    Path logs = temp.resolve("serve");
    Process serve = start(command(dir, command.args()), logs);
    try {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (audited(dir, "refresh") == 0) {
        assertTrue(serve.isAlive(), () -> "serve exited: " + output(logs));
        assertTrue(System.nanoTime() < deadline, "serve did not re-sign in " + TIMEOUT);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    } finally {
      serve.destroy();
      waitFor(serve);
    }
  }

  private interface FixtureMaker {
    void make(Path dir);
  }

  /** A repository with eole 1.0.0 in testing. */
  private void released(Path dir) {
    RepositoryEditor editor = initialised(dir, RepositorySettings.DEFAULT, Clock.systemUTC());
    release(editor, EOLE, "1.0.0");
  }

  /** A repository with eole 1.0.0, all signed {@link #SIGNED_AGO}: due for re-signing. */
  private void signedLongAgo(Path dir) {
    Clock then = Clock.offset(Clock.systemUTC(), SIGNED_AGO.negated());
    release(initialised(dir, MONTHLY, then), EOLE, "1.0.0");
    ServerCertificates.loadOrCreate(
        dir.resolve("keys/tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
  }

  private static RepositoryEditor initialised(Path dir, RepositorySettings settings, Clock clock) {
    KeyDirectory keys = new KeyDirectory(dir.resolve("keys"), null);
    RepositoryInitializer.init(dir.resolve("repo"), keys, settings, Map.of(), "test", clock);
    return new RepositoryEditor(dir.resolve("repo"), keys, clock);
  }

  private static void release(RepositoryEditor editor, Path datasource, String version) {
    editor.release(
        new ReleaseRequest(
            new DirectorySourceTree(datasource),
            SemanticVersion.parse(version),
            Channel.TESTING,
            Classification.STANDARD,
            "first",
            null,
            null,
            "test"));
  }

  /**
   * Starts the command and kills it with SIGKILL at a moment drawn from {@code random}.
   *
   * @return when it was killed, for people
   */
  private String killAtRandom(
      List<String> command, List<Path> watched, Duration took, SplittableRandom random) {
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      for (Path dir : watched) {
        if (Files.isDirectory(dir)) {
          dir.register(
              watch,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
        }
      }
      boolean afterFirstWrite = random.nextBoolean();
      long delay =
          afterFirstWrite
              ? (long) (random.nextDouble() * FIRST_WRITE_WINDOW_NANOS)
              : (long) (random.nextDouble() * took.toNanos() * 1.2);
      Process process = start(command, Files.createTempDirectory(temp, "killed"));
      long started = System.nanoTime();
      if (afterFirstWrite) {
        while (watch.poll(10, TimeUnit.MILLISECONDS) == null && process.isAlive()) {
          assertTrue(System.nanoTime() - started < TIMEOUT.toNanos(), "no write in " + TIMEOUT);
        }
      }
      LockSupport.parkNanos(delay);
      boolean ended = !process.isAlive();
      process.destroyForcibly();
      waitFor(process);
      return String.format(
          "%.1f ms %s%s",
          delay / 1e6,
          afterFirstWrite ? "after its first write" : "after it started",
          ended ? ", when it had ended" : "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String trialName(String command, long seed, String cut) {
    String name = command + " killed " + cut + " (replay with -Dcrash.seed=" + seed + ")";
    System.out.println(name);
    return name;
  }

  /** What the consumers' client sees, once tuf-js has verified and downloaded the same. */
  private Seen seenByBothClients(Path dir, byte[] trusted, RootMetadata fixtureRoot, String trial) {
    VerifiedRepository verified = verify(dir, trusted, trial);
    List<JsonNode> downloaded;
    try {
      downloaded =
          TufJsClient.refreshAndDownload(
              dir.resolve("repo"),
              dir.resolve("repo/metadata/1.root.json"),
              verified.targets().keySet(),
              Files.createTempDirectory(temp, "tuf-js"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (AssertionError e) {
      throw new AssertionError(trial + ": " + e.getMessage(), e);
    }
    Map<String, String> byTufJs = new TreeMap<>();
    downloaded.forEach(
        d -> byTufJs.put(d.path("target").asText(), d.path("hashes").path("sha256").asText()));
    Map<String, String> byOurs = new TreeMap<>();
    verified.targets().forEach((path, t) -> byOurs.put(path, t.hashes().get("sha256")));
    assertEquals(byOurs, byTufJs, trial + ": what tuf-js downloads");
    return seen(verified, fixtureRoot);
  }

  private static VerifiedRepository verify(Path dir, byte[] trusted, String what) {
    try {
      return VerifiedRepository.read(dir.resolve("repo"), trusted, Instant.now());
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": a consumer refuses the repository: " + e, e);
    }
  }

  private static Seen seen(VerifiedRepository verified, RootMetadata fixtureRoot) {
    Map<String, String> targets = new TreeMap<>();
    for (TargetFile t : verified.targets().values()) {
      ReleaseFacts facts = ReleaseFacts.fromJson(t.custom());
      targets.put(t.path(), t.hashes().get("sha256") + " in " + facts.channel());
    }
    Set<String> rotated = new TreeSet<>();
    Set<String> due = new TreeSet<>();
    Instant halfMonth = Instant.now().plus(Duration.ofDays(15));
    for (String role : RootMetadata.TOP_LEVEL_ROLES) {
      if (!verified.root().role(role).keyIds().equals(fixtureRoot.role(role).keyIds())) {
        rotated.add(role);
      }
      if (verified.expiry().get(role).isBefore(halfMonth)) {
        due.add(role);
      }
    }
    return new Seen(targets, rotated, due);
  }

  /** A repository that verifies from its first root, its keys and its TLS certificate for serve. */
  private void checkWhole(Path dir, String what) {
    byte[] trusted = VerifiedRepository.read(dir.resolve("repo/metadata/1.root.json"));
    VerifiedRepository verified = verify(dir, trusted, what);
    seenByBothClients(dir, trusted, verified.root(), what);
    assertTrue(verified.targets().isEmpty(), what);
    assertTrue(
        ServerCertificates.find(dir.resolve("keys/tls")).isPresent(),
        what + ": no TLS certificate for serve");
    checkNoLeftovers(dir, what);
  }

  /**
   * No temporary file in the repository or beside it, and no private key but those root lists: the
   * folders are as an uncut run leaves them.
   */
  private static void checkNoLeftovers(Path dir, String what) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> temporary =
          files
              .filter(f -> f.getFileName().toString().matches("\\..*\\.tmp|\\..*\\.init"))
              .toList();
      assertEquals(List.of(), temporary, what + ": temporary files left");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] newest = newestRoot(dir.resolve("repo/metadata"));
    RootMetadata root = dev.alize.common.tuf.Metadata.root(newest).signed();
    for (String role : RootMetadata.TOP_LEVEL_ROLES) {
      Set<String> held;
      try (Stream<Path> files = Files.list(dir.resolve("keys").resolve(role))) {
        held =
            files
                .map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".pem"))
                .map(n -> n.substring(0, n.length() - ".pem".length()))
                .collect(Collectors.toCollection(TreeSet::new));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertEquals(
          new TreeSet<>(root.role(role).keyIds()), held, what + ": the " + role + " keys held");
    }
  }

  private static byte[] newestRoot(Path metadata) {
    for (long v = 1; ; v++) {
      if (!Files.exists(metadata.resolve((v + 1) + ".root.json"))) {
        return VerifiedRepository.read(metadata.resolve(v + ".root.json"));
      }
    }
  }

  /** The audit log's name for what the command does: serve re-signs as refresh does. */
  private static String action(Command command) {
    return command.name().equals("serve") ? "refresh" : command.name();
  }

  /** How many entries of {@code action} the audit log holds. */
  private static long audited(Path dir, String action) {
    return new AuditLog(dir.resolve("repo/audit.log"))
        .read().stream().filter(e -> e.action().equals(action)).count();
  }

  private static ProcessRun ok(ProcessRun run) {
    assertEquals(0, run.exit(), run::err);
    return run;
  }

  private static ProcessRun jar(Path dir, List<Object> args) {
    Map<String, String> env = new HashMap<>();
    // Only what a test sets: a passphrase in the developer's shell would change the outcome.
    env.put(KeyDirectory.PASSPHRASE_VARIABLE, null);
    return ProcessRun.of(command(dir, args), env);
  }

  private static List<String> command(Path dir, List<Object> args) {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run after mvn package");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    args.forEach(a -> command.add(a.toString()));
    command.add("--repo");
    command.add(dir.resolve("repo").toString());
    command.add("--keys");
    command.add(dir.resolve("keys").toString());
    return command;
  }

  private static Process start(List<String> command, Path logs) {
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(logs.resolve("out.txt").toFile())
            .redirectError(logs.resolve("err.txt").toFile());
    builder.environment().remove(KeyDirectory.PASSPHRASE_VARIABLE);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String output(Path logs) {
    try {
      return Files.readString(logs.resolve("out.txt")) + Files.readString(logs.resolve("err.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void waitFor(Process process) {
    try {
      assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "did not stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Files.copy(
            source,
            to.resolve(from.relativize(source).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
