package dev.alize.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsName;
import dev.alize.publisher.http.PinnedClients;
import dev.alize.publisher.http.PublisherServer;
import dev.alize.publisher.http.ServerSettings;
import dev.alize.publisher.http.TestRepository;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} through the command line, in this JVM: what the operator sees, and exit codes. */
class ServeCommandTest {

  private static final Pattern SERVING =
      Pattern.compile("Serving .+ on https://127\\.0\\.0\\.1:(\\d+)/ \\(started in \\d+ ms\\)");
  private static final Pattern FINGERPRINT =
      Pattern.compile("SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");

  @TempDir Path temp;

  private TestRepository repository;
  private Path keys;

  @BeforeEach
  void create() throws Exception {
    repository = TestRepository.create(temp);
    keys = temp.resolve("keys");
  }

  private record Run(int exit, String out, String err) {}

  /** Runs {@code serve}; {@code whileUp} runs against the started server, which is then closed. */
  private interface WhileUp {
    void accept(PublisherServer server) throws Exception;
  }

  private Run serve(WhileUp whileUp, Object... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Void> checked = new CompletableFuture<>();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == ServeCommand.class) {
              return type.cast(
                  new ServeCommand(
                      server -> {
                        try {
                          whileUp.accept(server);
                          checked.complete(null);
                        } catch (Throwable t) {
                          checked.completeExceptionally(t);
                        } finally {
                          server.close();
                        }
                      }));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine cli = PublisherCli.commandLine(factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] strings = new String[args.length + 1];
    strings[0] = "serve";
    for (int i = 0; i < args.length; i++) {
      strings[i + 1] = args[i].toString();
    }
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(strings));
    int code;
    try {
      code = exit.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("serve did not end; out: " + out + " err: " + err, e);
    }
    if (checked.isCompletedExceptionally()) {
      try {
        checked.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new AssertionError(e.getCause());
      }
    }
    return new Run(code, out.toString(), err.toString());
  }

  private Run serve(Object... args) throws Exception {
    return serve(server -> {}, args);
  }

  private Object[] defaults(Object... more) {
    Object[] args = new Object[6 + more.length];
    System.arraycopy(
        new Object[] {"--repo", repository.repo, "--keys", keys, "--port", 0}, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return args;
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertTrue(m.find(), () -> pattern + " not in: " + text);
    return m.group(1);
  }

  @Test
  void serve_printsTheCertificateItsFingerprintAndThePort_andServesPinnedClients()
      throws Exception {
    Run run =
        serve(
            server -> {
              ServerCertificate certificate =
                  ServerCertificates.loadOrCreate(
                      keys.resolve("tls"),
                      ServerSettings.CERTIFICATE_ORGANIZATION,
                      Clock.systemUTC());
              HttpClient client = PinnedClients.httpClient(certificate.leaf());
              HttpResponse<String> response =
                  client.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  "https://127.0.0.1:"
                                      + server.port()
                                      + "/metadata/timestamp.json"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertEquals(200, response.statusCode());
            },
            defaults());
    assertEquals(0, run.exit(), run::err);
    ServerCertificate certificate =
        ServerCertificates.loadOrCreate(
            keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    assertTrue(
        run.out()
            .contains(
                "TLS certificate: "
                    + keys.resolve("tls").resolve("server.crt.pem")
                    + " (generated)"),
        run::out);
    assertEquals(certificate.fingerprint(), group(FINGERPRINT, run.out()));
    assertTrue(Integer.parseInt(group(SERVING, run.out())) > 0, run::out);
    assertEquals("", run.err());
  }

  @Test
  void serve_withoutConfig_saysTheWriteApiRefusesEverything() throws Exception {
    Run run = serve(defaults());
    assertTrue(
        run.out()
            .contains("Write API: no token configured (--config), every call to it is refused\n"),
        run::out);
  }

  @Test
  void serve_configFiles_inYamlOrProperties_giveTheTokens() throws Exception {
    String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    Path yaml =
        Files.writeString(
            temp.resolve("publisher.yml"),
            "alize:\n  publisher:\n    api:\n      tokens:\n        eole-ci:\n"
                + "          sha256: "
                + hash
                + "\n          datasources: [eole]\n");
    Run run = serve(defaults("--config", yaml));
    assertEquals(0, run.exit(), run::err);
    assertTrue(run.out().contains("Write API: /api/v1/ for token(s) eole-ci\n"), run::out);

    Path properties =
        Files.writeString(
            temp.resolve("publisher.properties"),
            "alize.publisher.api.tokens.acme-ci.sha256="
                + hash
                + "\nalize.publisher.api.tokens.acme-ci.datasources=acme-monitoring,eole\n");
    run = serve(defaults("--config", properties));
    assertEquals(0, run.exit(), run::err);
    assertTrue(run.out().contains("Write API: /api/v1/ for token(s) acme-ci\n"), run::out);
  }

  @Test
  void serve_configWithATokenInClear_exits1WithoutPrintingIt() throws Exception {
    String token = "kq3T1xVYdRG2yV8m1hJw7s0b9cUeLrPq4aZf6nWoXtE";
    Path yaml =
        Files.writeString(
            temp.resolve("publisher.yml"),
            "alize.publisher.api.tokens.eole-ci:\n  sha256: "
                + token
                + "\n  datasources: [eole]\n");
    Run run = serve(defaults("--config", yaml));
    assertEquals(1, run.exit(), run::out);
    assertTrue(
        run.err()
            .contains(
                "alize.publisher.api.tokens.eole-ci.sha256: expected the 64 hex digits of the"
                    + " token's SHA-256"),
        run::err);
    assertFalse(run.err().contains(token), run::err);
    assertFalse(run.out().contains(token), run::out);
    assertFalse(run.out().contains("Serving"), run::out);
  }

  @Test
  void serve_missingOrUnknownConfigFile_exits1() throws Exception {
    Path absent = temp.resolve("absent.yml");
    Run run = serve(defaults("--config", absent));
    assertEquals(1, run.exit());
    assertEquals(absent + ": no such configuration file\n", run.err());

    Path json = Files.writeString(temp.resolve("publisher.json"), "{}");
    run = serve(defaults("--config", json));
    assertEquals(1, run.exit());
    assertEquals(
        json + ": a configuration file is YAML (.yml, .yaml) or properties (.properties)\n",
        run.err());
  }

  @Test
  void serve_secondStart_reusesTheCertificate() throws Exception {
    Run first = serve(defaults());
    Run second = serve(defaults());
    assertEquals(0, second.exit(), second::err);
    assertEquals(group(FINGERPRINT, first.out()), group(FINGERPRINT, second.out()));
    assertFalse(second.out().contains("(generated)"), second::out);
  }

  @Test
  void serve_beyondTheLoopbackWithTheDefaultCertificate_warnsThatConsumersWouldRefuseIt()
      throws Exception {
    Run run = serve(defaults("--host", "0.0.0.0"));
    assertEquals(0, run.exit(), run::err);
    assertEquals(
        "warning: the TLS certificate names only localhost and 127.0.0.1, but the server listens"
            + " on 0.0.0.0: consumers that connect by another name refuse it; make one for the"
            + " names they use with: publisher tls --keys "
            + keys
            + " --replace --tls-name NAME\n",
        run.err());
  }

  @Test
  void serve_beyondTheLoopbackWithACertificateForOtherNames_doesNotWarn() throws Exception {
    ServerCertificates.generate(
        keys.resolve("tls"),
        ServerSettings.CERTIFICATE_ORGANIZATION,
        List.of(TlsName.parse("models.example.org")),
        Clock.systemUTC());
    Run run = serve(defaults("--host", "0.0.0.0"));
    assertEquals(0, run.exit(), run::err);
    assertEquals("", run.err());
  }

  @Test
  void serve_operatorCertificate_isUsedAndReported() throws Exception {
    ServerCertificate own =
        ServerCertificates.loadOrCreate(
            temp.resolve("own"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    Run run = serve(defaults("--tls-cert", own.certificateFile(), "--tls-key", own.keyFile()));
    assertEquals(0, run.exit(), run::err);
    assertEquals(own.fingerprint(), group(FINGERPRINT, run.out()));
    assertFalse(Files.exists(keys.resolve("tls")), "no certificate generated");
  }

  @Test
  void serve_busyPort_exits1WithAClearMessage() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Run run = serve("--repo", repository.repo, "--keys", keys, "--port", busy.getLocalPort());
      assertEquals(1, run.exit(), run::out);
      assertTrue(
          run.err()
              .contains(
                  "cannot listen on 127.0.0.1:"
                      + busy.getLocalPort()
                      + ": the port is already in use"),
          run::err);
      assertFalse(run.err().contains("\tat "), run::err);
      assertFalse(run.out().contains("Serving"), run::out);
    }
  }

  @Test
  void serve_missingRepository_exits1() throws Exception {
    Run run = serve("--repo", temp.resolve("absent"), "--keys", keys, "--port", 0);
    assertEquals(1, run.exit());
    assertEquals(temp.resolve("absent") + ": no such repository folder\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void serve_expiredRoot_exits1NamingTheFileItsExpiryAndTheFix() throws Exception {
    Path repo = temp.resolve("expired");
    Path expiredKeys = temp.resolve("expired-keys");
    RepositoryInitializer.init(
        repo,
        new KeyDirectory(expiredKeys, null),
        RepositorySettings.DEFAULT,
        Map.of(),
        "test",
        Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
    Run run = serve("--repo", repo, "--keys", expiredKeys, "--port", 0);
    assertEquals(1, run.exit());
    assertTrue(
        run.err()
            .contains(
                "cannot serve "
                    + repo
                    + ": the root metadata "
                    + repo.resolve("metadata").resolve("1.root.json")
                    + " expired on 2020-12-31T00:00:00Z, and every consumer refuses an expired"
                    + " root; bring the offline root key and run 'publisher rotate-key root --repo "
                    + repo
                    + " --keys "
                    + expiredKeys
                    + "'"),
        run::err);
    assertFalse(run.out().contains("Serving"), run::out);
  }

  @Test
  void serve_unreadableCertificate_exits1() throws Exception {
    Path garbage = Files.writeString(temp.resolve("cert.pem"), "not a certificate");
    ServerCertificate own =
        ServerCertificates.loadOrCreate(
            temp.resolve("own"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    Run run = serve(defaults("--tls-cert", garbage, "--tls-key", own.keyFile()));
    assertEquals(1, run.exit());
    assertEquals(garbage + ": not a PEM certificate (no BEGIN CERTIFICATE block)\n", run.err());
  }

  @Test
  void serve_missingKey_exits1() throws Exception {
    ServerCertificate own =
        ServerCertificates.loadOrCreate(
            temp.resolve("own"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    Path absent = temp.resolve("absent.key.pem");
    Run run = serve(defaults("--tls-cert", own.certificateFile(), "--tls-key", absent));
    assertEquals(1, run.exit());
    assertEquals("cannot read the TLS private key " + absent + ": no such file\n", run.err());
  }

  @Test
  void serve_certificateWithoutKey_isAUsageError() throws Exception {
    Run run = serve(defaults("--tls-cert", temp.resolve("x.pem")));
    assertEquals(2, run.exit());
    assertTrue(
        run.err().startsWith("usage error: Missing required argument(s): --tls-key=FILE"),
        run::err);
  }

  @Test
  void serve_portOutOfRange_isAUsageError() throws Exception {
    Run run = serve("--repo", repository.repo, "--keys", keys, "--port", 65536);
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("usage error: --port must be between 0 and 65535"), run::err);
  }

  @Test
  void help_listsServe() {
    StringWriter out = new StringWriter();
    CommandLine cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("--help"));
    assertTrue(
        out.toString().lines().anyMatch(l -> l.matches("\\s+serve\\s+Serve the .*")),
        out::toString);
  }
}
