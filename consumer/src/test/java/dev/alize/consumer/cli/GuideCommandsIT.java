package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.docs.GuideCommands;
import dev.alize.common.docs.GuideCommands.GuideCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command line of the guides that runs {@code publisher.jar} or {@code consumer.jar}, as
 * a real process started by the launcher beside the jar ({@code alize-publisher}, {@code
 * alize-consumer}: the same arguments), in one temporary "guide site" where the guides'
 * placeholders mean real things:
 *
 * <ul>
 *   <li>the site is the working directory; it holds copies of {@code datasources/eole} and {@code
 *       datasources/acme-monitoring}, and {@code eole-next}: eole with {@code filter_port} removed
 *       and the default of {@code proxy_cache_mb} raised (a MAJOR change, see {@link
 *       EoleReleases});
 *   <li>{@code REPO} and {@code /srv/alize/repo} are {@code repo/}, {@code KEYDIR} and {@code
 *       /srv/alize/keys} are {@code keys/}, {@code OLD_DIR} is {@code datasources/eole} and {@code
 *       NEW_DIR} is {@code eole-next};
 *   <li>{@code --port 8443} becomes {@code --port 0} (a free port); {@code
 *       /etc/alize/publisher.yml} is {@code publisher.yml}, written from what the guide's {@code
 *       new-token} printed; {@code consumer.yml} follows the site's publisher (its certificate
 *       pinned, its admin API on a free port); the conflict id {@code 12} is the id of the conflict
 *       the scenario raised;
 *   <li>every publisher command gets {@code ALIZE_KEY_PASSPHRASE}, as the key ceremony sets it.
 * </ul>
 *
 * <p>The order, so that each mutating command finds what it needs: the stateless commands ({@code
 * validate}, {@code diff}); each {@code init} on a fresh repository, the last one kept; releases
 * 1.0.0 (stable) and 2.0.0 (testing, after the refused 1.0.1), promoted to staged; the publisher
 * served; the consumer syncs 1.0.0, an admin makes a child model, 2.0.0 is promoted to stable and
 * held (MAJOR), previewed, approved and imported with a conflict, which is acknowledged and
 * resolved; history, status, rollback, the child deleted; then a rollout of acme-monitoring (plan,
 * promotion, halt, resume, a release rejected), the publisher's deprecate and revoke, the key
 * rotations (root last), {@code refresh}, {@code audit}, {@code new-token}, each {@code serve}
 * variant, a site enrolled with the token that {@code enroll} issued and shown by {@code stats},
 * and the consumer's {@code serve} and {@code new-token}.
 *
 * <p>Every command must exit 0, except those listed in {@link #FAILING}, which the guide shows
 * failing. A line of a guide that no step runs fails the test too, so a new line needs a step.
 */
class GuideCommandsIT {

  private static final String PUBLISHER = "publisher/target/publisher.jar";
  private static final String CONSUMER = "consumer/target/consumer.jar";
  private static final String PASSPHRASE = "guide passphrase";
  private static final Pattern PUBLISHER_SERVING =
      Pattern.compile("on https://127\\.0\\.0\\.1:(\\d+)/");
  private static final Pattern CONSUMER_SERVING = Pattern.compile("admin API on http");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The lines the guides show failing, by the start of their arguments, and their exit code. */
  private static final Map<String, Integer> FAILING =
      Map.of("release eole-next --repo REPO --keys KEYDIR --version 1.0.1", 1);

  @TempDir Path temp;
  private Path site;
  private final List<GuideCommand> publisherLines = GuideCommands.of(PUBLISHER);
  private final List<GuideCommand> consumerLines = GuideCommands.of(CONSUMER);
  private final Set<GuideCommand> done = new LinkedHashSet<>();
  private final List<Process> servers = new ArrayList<>();
  private String conflictId = "12";
  private String enrolmentToken = "TOKEN";
  private int publisherPort;

  @AfterEach
  void stopServers() throws InterruptedException {
    for (Process p : servers) {
      stop(p);
    }
  }

  @Test
  void everyCommandOfTheGuides_runs() throws Exception {
    long start = System.nanoTime();
    site = temp.resolve("site");
    copy(LivePublisher.DATASOURCES.resolve("eole"), site.resolve("datasources/eole"));
    copy(
        LivePublisher.DATASOURCES.resolve("acme-monitoring"),
        site.resolve("datasources/acme-monitoring"));
    Files.move(EoleReleases.next(temp.resolve("next")), site.resolve("eole-next"));

    // Stateless: validate and diff.
    for (GuideCommand c : unrun(publisherLines, "validate ", "diff ")) {
      run(PUBLISHER, c);
    }

    // Each init on a fresh repository; the last one (publisher/README.md) is kept.
    for (GuideCommand c : unrun(publisherLines, "init ")) {
      deleteRecursively(site.resolve("repo"));
      deleteRecursively(site.resolve("keys"));
      run(PUBLISHER, c);
    }
    runAll(PUBLISHER, publisherLines, "list ");
    runAll(PUBLISHER, publisherLines, "release datasources/eole ");
    runAll(PUBLISHER, publisherLines, "release eole-next ");
    runAll(PUBLISHER, publisherLines, "promote eole 2.0.0 --channel staged");
    // Not a guide line: acme-monitoring, so that the consumer follows two datasources.
    process(
        PUBLISHER,
        List.of(
            "release",
            "datasources/acme-monitoring",
            "--repo",
            "repo",
            "--keys",
            "keys",
            "--version",
            "1.0.0",
            "--channel",
            "stable"),
        "setup: release acme-monitoring",
        0);

    // The publisher served, and the consumer's whole admin scenario against it.
    Process publisher =
        serve(PUBLISHER, one(publisherLines, "serve --repo REPO --keys KEYDIR --port 8443"));
    writeConsumerConfig();
    runAll(CONSUMER, consumerLines, "sync --once");
    runAll(CONSUMER, consumerLines, "migrate ");
    runAll(CONSUMER, consumerLines, "child create ");
    runAll(CONSUMER, consumerLines, "child update ");
    runAll(CONSUMER, consumerLines, "child list ");
    runAll(PUBLISHER, publisherLines, "promote eole 2.0.0 --channel stable");
    runAll(CONSUMER, consumerLines, "preview eole --config");
    setup(CONSUMER, "sync", "--once", "--config", "consumer.yml"); // holds 2.0.0 (MAJOR)
    runAll(CONSUMER, consumerLines, "preview eole 2.0.0");
    runAll(CONSUMER, consumerLines, "approve eole 2.0.0");
    setup(CONSUMER, "sync", "--once", "--config", "consumer.yml"); // imports it: a conflict
    JsonNode conflicts =
        JSON.readTree(setup(CONSUMER, "conflicts", "--json", "--config", "consumer.yml"));
    assertTrue(conflicts.size() > 0, () -> "no conflict raised: " + conflicts);
    conflictId = conflicts.get(0).path("id").asText();
    runAll(CONSUMER, consumerLines, "conflicts --");
    runAll(CONSUMER, consumerLines, "conflicts acknowledge ");
    runAll(CONSUMER, consumerLines, "conflicts resolve ");
    runAll(CONSUMER, consumerLines, "imports ");
    runAll(CONSUMER, consumerLines, "status ");
    runAll(CONSUMER, consumerLines, "rollback ");
    runAll(CONSUMER, consumerLines, "child delete ");

    // A rollout of acme-monitoring: plan, promotion, new plan, halt, resume; a release rejected.
    runAll(PUBLISHER, publisherLines, "release datasources/acme-monitoring ");
    runAll(PUBLISHER, publisherLines, "promote acme-monitoring ");
    runAll(PUBLISHER, publisherLines, "rollout ");
    runAll(PUBLISHER, publisherLines, "halt ");
    runAll(PUBLISHER, publisherLines, "resume ");
    runAll(PUBLISHER, publisherLines, "reject ");

    // The publisher's lifecycle moves, then the rotations (root last), then refresh.
    runAll(PUBLISHER, publisherLines, "deprecate ");
    runAll(PUBLISHER, publisherLines, "revoke ");
    runAll(PUBLISHER, publisherLines, "rotate-key timestamp ");
    runAll(PUBLISHER, publisherLines, "rotate-key snapshot ");
    runAll(PUBLISHER, publisherLines, "rotate-key targets ");
    runAll(PUBLISHER, publisherLines, "rotate-key root ");
    runAll(PUBLISHER, publisherLines, "refresh ");
    runAll(PUBLISHER, publisherLines, "audit ");
    // The consumer follows the rotations.
    setup(CONSUMER, "sync", "--once", "--config", "consumer.yml");
    stop(publisher);

    // The write API's token, and each other way of serving.
    String token = run(PUBLISHER, one(publisherLines, "new-token "));
    writePublisherConfig(token);
    for (GuideCommand c : unrun(publisherLines, "serve ")) {
      stop(serve(PUBLISHER, c));
    }

    // A site enrols with the token the maintainer issued, reports, and shows in the statistics.
    String enrolment = run(PUBLISHER, one(publisherLines, "enroll "));
    Matcher issued = Pattern.compile("token: (\\S+)").matcher(enrolment);
    assertTrue(issued.find(), () -> "enroll printed no token:\n" + enrolment);
    enrolmentToken = issued.group(1);
    Process fleet =
        serveSetup(
            List.of(
                "serve",
                "--repo",
                "repo",
                "--keys",
                "keys",
                "--port",
                "0",
                "--config",
                "publisher.yml"));
    writeConsumerConfig();
    Files.writeString(
        site.resolve("consumer.yml"),
        Files.readString(site.resolve("consumer.yml"))
                .replace(
                    "        poll-interval: 1h\n",
                    "        poll-interval: 1h\n        reports: true\n")
            + "    site-label: Lycée Victor Hugo\n");
    runAll(CONSUMER, consumerLines, "enroll ");
    runAll(PUBLISHER, publisherLines, "stats ");
    stop(fleet);

    // The consumer's scheduled syncs and its admin token.
    runAll(CONSUMER, consumerLines, "new-token ");
    for (GuideCommand c : unrun(consumerLines, "serve ")) {
      stop(serve(CONSUMER, c));
    }

    List<GuideCommand> left = new ArrayList<>();
    Stream.concat(publisherLines.stream(), consumerLines.stream())
        .filter(c -> !done.contains(c))
        .forEach(left::add);
    assertTrue(
        left.isEmpty(),
        () ->
            left.size()
                + " command line(s) of the guides are run by no step of this test:\n"
                + String.join("\n", left.stream().map(GuideCommand::toString).toList()));
    assertTrue(publisherLines.size() >= 30, "only " + publisherLines.size() + " publisher lines");
    assertTrue(consumerLines.size() >= 15, "only " + consumerLines.size() + " consumer lines");
    System.out.printf(
        "GuideCommandsIT: ran %d publisher and %d consumer command lines of the guides in %d s%n",
        publisherLines.size(),
        consumerLines.size(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
  }

  /** The lines not run yet whose arguments start with one of {@code prefixes}, in guide order. */
  private List<GuideCommand> unrun(List<GuideCommand> lines, String... prefixes) {
    List<GuideCommand> found = new ArrayList<>();
    for (GuideCommand c : lines) {
      String text = String.join(" ", c.args());
      if (!done.contains(c) && Stream.of(prefixes).anyMatch(text::startsWith)) {
        found.add(c);
      }
    }
    return found;
  }

  /** The one line not run yet that starts with {@code prefix}. */
  private GuideCommand one(List<GuideCommand> lines, String prefix) {
    List<GuideCommand> found = unrun(lines, prefix);
    assertTrue(!found.isEmpty(), () -> "no line of the guides starts with '" + prefix + "'");
    return found.get(0);
  }

  private void runAll(String jar, List<GuideCommand> lines, String prefix) {
    List<GuideCommand> found = unrun(lines, prefix);
    assertTrue(!found.isEmpty(), () -> "no line of the guides starts with '" + prefix + "'");
    for (GuideCommand c : found) {
      run(jar, c);
    }
  }

  /** Runs a guide line to completion; returns its standard output. */
  private String run(String jar, GuideCommand c) {
    done.add(c);
    String text = String.join(" ", c.args());
    int expected =
        FAILING.entrySet().stream()
            .filter(e -> text.startsWith(e.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(0);
    return process(jar, substitute(c.args()), c.file() + ":" + c.line(), expected);
  }

  /** Runs a command of the test's own, not of a guide; returns its standard output. */
  private String setup(String jar, String... args) {
    return process(jar, List.of(args), "setup: " + String.join(" ", args), 0);
  }

  private String process(String jar, List<String> args, String where, int expected) {
    try {
      Path out = Files.createTempFile(temp, "out-", ".txt");
      Path err = Files.createTempFile(temp, "err-", ".txt");
      Process p = start(jar, args, out, err);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(where + ": hangs: " + String.join(" ", args));
      }
      String stdout = Files.readString(out);
      if (p.exitValue() != expected) {
        fail(
            where
                + ": exited "
                + p.exitValue()
                + ", expected "
                + expected
                + ": "
                + jarName(jar)
                + " "
                + String.join(" ", args)
                + "\n--- stdout:\n"
                + stdout
                + "--- stderr:\n"
                + Files.readString(err));
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a {@code serve} line and waits until it listens. */
  private Process serve(String jar, GuideCommand c) throws IOException, InterruptedException {
    done.add(c);
    return serve(jar, substitute(c.args()), c.file() + ":" + c.line());
  }

  /** Starts the publisher's {@code serve} as the test's own, not a guide's, line. */
  private Process serveSetup(List<String> args) throws IOException, InterruptedException {
    return serve(PUBLISHER, args, "setup: " + String.join(" ", args));
  }

  private Process serve(String jar, List<String> args, String where)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(temp, "serve-", ".txt");
    Path err = Files.createTempFile(temp, "serve-", ".err");
    Process p = start(jar, args, out, err);
    servers.add(p);
    Pattern ready = jar.equals(PUBLISHER) ? PUBLISHER_SERVING : CONSUMER_SERVING;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Matcher m;
    while (!(m = ready.matcher(Files.readString(out))).find()) {
      if (!p.isAlive()) {
        fail(where + ": serve exited " + p.exitValue() + ":\n" + LivePublisher.read(err));
      }
      if (System.nanoTime() > deadline) {
        fail(
            where + ": serve did not start:\n" + LivePublisher.read(out) + LivePublisher.read(err));
      }
      Thread.sleep(100);
    }
    if (jar.equals(PUBLISHER)) {
      publisherPort = Integer.parseInt(m.group(1));
    }
    return p;
  }

  private Process start(String jar, List<String> args, Path out, Path err) throws IOException {
    // The launcher beside the jar takes java -jar's arguments and starts a command in half the
    // time, with the class-data archive the build made for the jar.
    Path jarFile = Path.of("..").resolve(jar).toAbsolutePath().normalize();
    String app = jarFile.getFileName().toString().replace(".jar", "");
    List<String> command = new ArrayList<>();
    command.add(jarFile.resolveSibling("alize-" + app).toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(site.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder
        .environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (jar.equals(PUBLISHER)) {
      builder.environment().put("ALIZE_KEY_PASSPHRASE", PASSPHRASE);
    }
    return builder.start();
  }

  /** The guide's placeholders, as the site has them. */
  private List<String> substitute(List<String> args) {
    List<String> real = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String before = i > 0 ? args.get(i - 1) : "";
      real.add(
          switch (a) {
            case "REPO", "/srv/alize/repo" -> "repo";
            case "KEYDIR", "/srv/alize/keys" -> "keys";
            case "OLD_DIR" -> "datasources/eole";
            case "NEW_DIR" -> "eole-next";
            case "/etc/alize/publisher.yml" -> "publisher.yml";
            case "8443" -> before.equals("--port") ? "0" : a;
            case "12" -> before.equals("acknowledge") || before.equals("resolve") ? conflictId : a;
            case "TOKEN" -> before.equals("--token") ? enrolmentToken : a;
            default -> a;
          });
    }
    return real;
  }

  /** {@code consumer.yml}: the site's publisher, pinned, and the admin API on a free port. */
  private void writeConsumerConfig() throws IOException {
    Files.writeString(
        site.resolve("consumer.yml"),
        String.join(
            "\n",
            "alize:",
            "  consumer:",
            "    repositories:",
            "      eole-upstream:",
            "        url: https://127.0.0.1:" + publisherPort,
            "        trusted-root: repo/metadata/1.root.json",
            "        tls-certificate: keys/tls/server.crt.pem",
            "        channel: stable",
            "        poll-interval: 1h",
            "    api:",
            "      port: 0",
            ""));
  }

  /** {@code publisher.yml}: the configuration that the guide's {@code new-token} printed. */
  private void writePublisherConfig(String tokenOutput) throws IOException {
    int at = tokenOutput.indexOf("alize:");
    assertTrue(at >= 0, () -> "new-token printed no configuration:\n" + tokenOutput);
    Files.writeString(site.resolve("publisher.yml"), tokenOutput.substring(at));
  }

  private static void stop(Process p) throws InterruptedException {
    if (p.isAlive()) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String jarName(String jar) {
    return jar.substring(jar.lastIndexOf('/') + 1);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(f);
      }
    }
  }
}
