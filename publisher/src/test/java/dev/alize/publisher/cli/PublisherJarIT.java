package dev.alize.publisher.cli;

import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.publisher.http.PinnedClients;
import dev.alize.publisher.http.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged executable jar, run as users run it. */
class PublisherJarIT {

  private static final Path JAR = Path.of("target/publisher.jar");
  private static final long TIMEOUT_SECONDS = 60;
  private static final String PASSPHRASE = "ALIZE_KEY_PASSPHRASE";
  private static final Pattern SERVING =
      Pattern.compile("Serving .* on https://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path temp;

  private record Result(int exit, String out, String err) {}

  private Result run(Map<String, String> env, Object... args)
      throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run after mvn package");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // picocli writes in this encoding; without it, é depends on the machine's locale.
    command.add("-Dsun.stdout.encoding=UTF-8");
    command.add("-Dsun.stderr.encoding=UTF-8");
    command.add("-jar");
    command.add(JAR.toString());
    for (Object arg : args) {
      command.add(arg.toString());
    }
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // Only what a test sets: a passphrase in the developer's shell would change the outcome.
    builder.environment().remove(PASSPHRASE);
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Result run(Object... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  private static List<String> javaJar(Object... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    for (Object arg : args) {
      command.add(arg.toString());
    }
    return command;
  }

  @Test
  void help_listsTheCommands() throws Exception {
    Result r = run("--help");
    assertEquals(0, r.exit(), r::err);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+validate\\s+.*")), r::out);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+diff\\s+.*")), r::out);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+serve\\s+.*")), r::out);
  }

  @Test
  void version_namesThePublisher() throws Exception {
    Result r = run("--version");
    assertEquals(0, r.exit(), r::err);
    assertTrue(r.out().startsWith("Alizé publisher "), r::out);
  }

  @Test
  void launcher_validatesWithTheArchiveMadeForItsJar() throws Exception {
    List<String> command =
        List.of(
            Path.of("target/alize-publisher").toString(), "validate", "--json", EOLE.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // -Xshare:on makes the JVM fail rather than start without the archive.
    builder.environment().put("ALIZE_JAVA_OPTS", "-Xshare:on");
    Path out = temp.resolve("launcher.out");
    Path err = temp.resolve("launcher.err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "launcher did not end");
    assertEquals(0, process.exitValue(), Files.readString(err));
    assertTrue(Files.readString(out).contains("\"valid\" : true"), Files.readString(out));
  }

  @Test
  void serve_startsMicronautFromTheShadedJar_andServesOverHttps() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run after mvn package");
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    Result init = run("init", "--repo", repo, "--keys", keys);
    assertEquals(0, init.exit(), init::err);
    Path out = temp.resolve("serve.out");
    Path err = temp.resolve("serve.err");
    Process process =
        new ProcessBuilder(javaJar("serve", "--repo", repo, "--keys", keys, "--port", 0))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      Matcher serving = waitForLine(process, out, SERVING);
      ServerCertificate certificate =
          ServerCertificates.loadOrCreate(
              keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
      assertTrue(Files.readString(out).contains(certificate.fingerprint()));
      HttpClient client = PinnedClients.httpClient(certificate.leaf());
      String base = "https://127.0.0.1:" + serving.group(1);
      HttpResponse<String> timestamp =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metadata/timestamp.json")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, timestamp.statusCode());
      assertTrue(timestamp.headers().firstValue("ETag").isPresent());
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health::body);
      HttpResponse<String> metrics =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/prometheus")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertTrue(metrics.body().contains("alize_publisher_requests_total"), metrics::body);
    } finally {
      process.destroy();
      assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "serve did not stop");
    }
    assertEquals("", Files.readString(err));
  }

  /** A new repository, a token for eole and the configuration that lets it in. */
  private record WriteSite(Path repo, Path keys, Path config, String token) {

    /** The command that serves the repository with the write API on. */
    List<String> serve() {
      return javaJar("serve", "--repo", repo, "--keys", keys, "--port", 0, "--config", config);
    }

    /** Posts {@code archive} to {@code releases} with the token. */
    HttpResponse<String> upload(HttpClient client, URI releases, byte[] archive)
        throws IOException, InterruptedException {
      return client.send(
          HttpRequest.newBuilder(releases)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/gzip")
              .POST(HttpRequest.BodyPublishers.ofByteArray(archive))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** A client that trusts the repository's certificate alone. */
    HttpClient client() throws GeneralSecurityException {
      return PinnedClients.httpClient(
          ServerCertificates.loadOrCreate(
                  keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC())
              .leaf());
    }
  }

  private WriteSite writeSite() throws IOException, InterruptedException {
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    Result init = run("init", "--repo", repo, "--keys", keys);
    assertEquals(0, init.exit(), init::err);
    Result made = run("new-token", "--name", "eole-ci", "--datasource", "eole");
    assertEquals(0, made.exit(), made::err);
    Matcher token = Pattern.compile("^token: (\\S+)$", Pattern.MULTILINE).matcher(made.out());
    assertTrue(token.find(), made::out);
    Path config =
        Files.writeString(
            temp.resolve("publisher.yml"), made.out().substring(made.out().indexOf("alize:")));
    return new WriteSite(repo, keys, config, token.group(1));
  }

  @Test
  void writeApi_fromTheShadedJar_releasesWithANewToken_andNeverLogsIt() throws Exception {
    WriteSite site = writeSite();
    Path out = temp.resolve("serve.out");
    Path err = temp.resolve("serve.err");
    ProcessBuilder builder =
        new ProcessBuilder(site.serve()).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove(PASSPHRASE);
    builder.environment().put("ALIZE_LOG_LEVEL", "TRACE");
    Process process = builder.start();
    try {
      Matcher serving = waitForLine(process, out, SERVING);
      HttpClient client = site.client();
      String base = "https://127.0.0.1:" + serving.group(1) + "/api/v1/datasources";
      HttpResponse<String> released =
          site.upload(
              client,
              URI.create(base + "/eole/releases?version=1.0.0"),
              DeterministicArchive.write(new DirectorySourceTree(EOLE)));
      assertEquals(201, released.statusCode(), released::body);
      HttpResponse<String> listed =
          client.send(
              HttpRequest.newBuilder(URI.create(base)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertTrue(listed.body().contains("\"version\":\"1.0.0\""), listed::body);
    } finally {
      process.destroy();
      assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "serve did not stop");
    }
    assertTrue(Files.readString(out).contains("Write API: /api/v1/ for token(s) eole-ci"));
    String logs = Files.readString(err);
    assertTrue(logs.contains("token eole-ci released eole 1.0.0"), "logs at TRACE");
    assertFalse(logs.contains(site.token()), "the token is in the server's output");
    assertFalse(Files.readString(out).contains(site.token()));
  }

  /**
   * The eole sample with 250 more model files of 1 MiB of zeros each: a quarter of a gigabyte
   * unpacked, in an archive of about 270 KB, each file at the size limit, and none valid.
   */
  private static byte[] eoleWith250MiBOfZeros() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      var sample = new DirectorySourceTree(EOLE);
      for (String path : sample.files()) {
        byte[] bytes = Files.readAllBytes(EOLE.resolve(path));
        var entry = new TarArchiveEntry(path);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
      for (int i = 0; i < 250; i++) {
        var entry = new TarArchiveEntry("servermodels/2.9.0/zeros-" + i + ".yaml");
        entry.setSize(zeros.length);
        tar.putArchiveEntry(entry);
        tar.write(zeros);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void writeApi_uploadThatUnpacksTo250MiB_isRefusedWithinASmallHeap_andTheNextIsReleased()
      throws Exception {
    WriteSite site = writeSite();
    List<String> command = site.serve();
    // Far less than the upload unpacks to: it must never be held whole.
    command.add(1, "-Xmx96m");
    command.add(2, "-XX:+ExitOnOutOfMemoryError");
    Path out = temp.resolve("serve.out");
    Path err = temp.resolve("serve.err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove(PASSPHRASE);
    Process process = builder.start();
    try {
      Matcher serving = waitForLine(process, out, SERVING);
      HttpClient client = site.client();
      URI releases =
          URI.create(
              "https://127.0.0.1:"
                  + serving.group(1)
                  + "/api/v1/datasources/eole/releases?version=1.0.0");
      byte[] zeros = eoleWith250MiBOfZeros();
      assertTrue(zeros.length < 400_000, zeros.length + " bytes");
      HttpResponse<String> refused = site.upload(client, releases, zeros);
      assertEquals(422, refused.statusCode(), refused::body);
      assertTrue(
          refused.body().contains("the datasource is not valid, nothing was changed"),
          refused::body);
      assertTrue(refused.body().contains("eole/servermodels/2.9.0/zeros-0.yaml"), refused::body);

      HttpResponse<String> released =
          site.upload(client, releases, DeterministicArchive.write(new DirectorySourceTree(EOLE)));
      assertEquals(201, released.statusCode(), released::body);
      try (Stream<Path> left = Files.list(site.repo().resolve("uploads"))) {
        assertEquals(List.of(), left.toList(), "uploads are deleted once released or refused");
      }
    } finally {
      process.destroy();
      assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "serve did not stop");
    }
  }

  @Test
  void validate_loadsNoFrameworkClass() throws Exception {
    List<String> command = javaJar("validate", EOLE);
    command.add(1, "-verbose:class");
    Path out = temp.resolve("classes.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).start();
    assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    List<String> loaded = Files.readAllLines(out);
    assertTrue(
        loaded.stream().anyMatch(l -> l.contains("dev.alize.publisher.cli.ValidateCommand")));
    assertEquals(
        List.of(),
        loaded.stream().filter(l -> l.matches(".* (io\\.micronaut|io\\.netty)\\..*")).toList());
  }

  @Test
  void serve_busyPort_saysSoInOneLine() throws Exception {
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    assertEquals(0, run("init", "--repo", repo, "--keys", keys).exit());
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = busy.getLocalPort();
      Result r = run("serve", "--repo", repo, "--keys", keys, "--port", port);
      assertEquals(1, r.exit(), r::out);
      assertEquals(
          List.of("cannot listen on 127.0.0.1:" + port + ": the port is already in use"),
          r.err().lines().toList());
    }
  }

  /** Waits until the running {@code process} prints a line matching {@code pattern}. */
  private static Matcher waitForLine(Process process, Path out, Pattern pattern)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(Files.readString(out));
      if (m.find()) {
        return m;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "serve exited " + process.exitValue() + ": " + Files.readString(out));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not start within " + TIMEOUT_SECONDS + " s");
  }

  @Test
  void validate_eole_printsOnlyTheSummaryOnStdout() throws Exception {
    // The most verbose logging: any log line on stdout would break the exact match.
    Result r = run(Map.of("ALIZE_LOG_LEVEL", "TRACE"), "validate", EOLE);
    assertEquals(0, r.exit(), r::err);
    assertEquals(
        EOLE
            + ": datasource eole is valid: 18 models, 15 services, 2 releases"
            + System.lineSeparator(),
        r.out());
  }

  @Test
  void validate_brokenCopy_exits1() throws Exception {
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole"));
    Path model = dir.resolve("servermodels/2.9.0/amon.yaml");
    SampleDatasources.replace(model, "proxy_mode: transparent", "proxy_mode: invisible");
    int[] at = SampleDatasources.positionOf(model, "invisible");
    Result r = run("validate", dir);
    assertEquals(1, r.exit(), r::out);
    assertEquals(
        List.of(
            model
                + ":"
                + at[0]
                + ":"
                + at[1]
                + ": value of 'proxy_mode': 'invisible' is not one of the choices"
                + " [explicit, transparent]"),
        r.out().lines().toList());
    assertTrue(r.err().contains(dir + ": 1 problem(s); the datasource is not valid"), r::err);
  }

  @Test
  void initAndRelease_withThePassphraseInTheEnvironment_encryptAndUseTheKeys() throws Exception {
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    Map<String, String> env = Map.of(PASSPHRASE, "correct horse");
    Result init = run(env, "init", "--repo", repo, "--keys", keys);
    assertEquals(0, init.exit(), init::err);
    // The TLS key stays unencrypted, since the HTTPS server reads it so: its owner's only.
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(keys.resolve("tls/server.key.pem"))));
    try (Stream<Path> files = Files.walk(keys)) {
      List<Path> pems =
          files
              .filter(f -> f.toString().endsWith(".pem"))
              .filter(f -> !f.getParent().equals(keys.resolve("tls")))
              .toList();
      assertEquals(4, pems.size(), pems::toString);
      for (Path pem : pems) {
        assertTrue(
            Files.readString(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
            pem::toString);
      }
    }
    Result release =
        run(env, "release", EOLE, "--repo", repo, "--keys", keys, "--version", "1.0.0");
    assertEquals(0, release.exit(), release::err);
    assertTrue(release.out().startsWith("released eole 1.0.0 to testing: "), release::out);
    // Standard error tells only the steps, each encrypted key as it is opened.
    List<String> steps = release.err().lines().toList();
    assertEquals("validating and archiving " + EOLE + "...", steps.get(0), release::err);
    assertTrue(steps.stream().allMatch(l -> l.endsWith("...")), release::err);
    assertTrue(
        steps.stream().anyMatch(l -> l.startsWith("decrypting the targets key ")), release::err);
  }

  @Test
  void release_withAWrongPassphrase_exits1WithoutAStackTrace() throws Exception {
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    Map<String, String> env = Map.of(PASSPHRASE, "correct horse");
    assertEquals(0, run(env, "init", "--repo", repo, "--keys", keys).exit());
    assertEquals(
        0, run(env, "release", EOLE, "--repo", repo, "--keys", keys, "--version", "1.0.0").exit());

    Result wrong =
        run(
            Map.of(PASSPHRASE, "battery staple"),
            "release",
            EOLE,
            "--repo",
            repo,
            "--keys",
            keys,
            "--version",
            "1.0.1");
    assertEquals(1, wrong.exit(), wrong::out);
    assertEquals("", wrong.out());
    // Progress lines end with "..."; the error is the one other line.
    List<String> lines = wrong.err().lines().filter(l -> !l.endsWith("...")).toList();
    assertEquals(1, lines.size(), wrong::err);
    assertTrue(
        wrong.err().contains("decrypting the targets key "),
        () -> "no progress before the error: " + wrong.err());
    assertTrue(lines.get(0).startsWith("error: " + keys.resolve("targets")), wrong::err);
    assertTrue(lines.get(0).endsWith(": wrong passphrase, or a damaged key"), wrong::err);

    Result none = run("release", EOLE, "--repo", repo, "--keys", keys, "--version", "1.0.1");
    assertEquals(1, none.exit(), none::out);
    assertTrue(
        none.err()
            .endsWith("the key is encrypted: set ALIZE_KEY_PASSPHRASE" + System.lineSeparator()),
        none::err);
    assertFalse(none.err().contains("\tat "), none::err);
  }
}
