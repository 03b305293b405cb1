package dev.alize.publisher.cli;

import dev.alize.common.config.ConfigurationFileException;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsException;
import dev.alize.common.tls.TlsName;
import dev.alize.publisher.api.ApiTokens;
import dev.alize.publisher.config.ConfigLocation;
import dev.alize.publisher.http.PublisherServer;
import dev.alize.publisher.http.ServerSettings;
import dev.alize.publisher.http.ServerStartException;
import dev.alize.publisher.persistence.DatabaseSettings;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: the repository over HTTPS, until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the signed repository over HTTPS.",
      "Serves metadata/ and targets/, /health and /prometheus, and the write API (/api/v1/)",
      "for the tokens of the --config file.",
      "Without --tls-cert, the self-signed certificate of KEYS/tls/ (made by init or tls, else"
          + " generated at the first start for localhost and 127.0.0.1) is used: pin it by the"
          + " SHA-256 fingerprint printed at start.",
      "Runs until stopped; exits 1 when the server cannot start."
    })
final class ServeCommand implements Callable<Integer> {

  private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR",
      description = "The repository folder; only its metadata/ and targets/ are served.")
  Path repo;

  @Option(
      names = "--keys",
      required = true,
      paramLabel = "DIR",
      description = "The publisher's keys folder; the generated certificate goes in its tls/.")
  Path keys;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "PORT",
      description = "The TCP port; 0 picks a free one (printed).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}); 0.0.0.0 for all.")
  String host;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A Micronaut configuration file (.yml, .yaml or .properties): the write API's tokens"
              + " and upload limit, and the fleet database of site reports. Without tokens, the"
              + " write API refuses every call. Default:"
              + " the file ALIZE_PUBLISHER_CONFIG names, else /etc/alize/publisher.yml if it"
              + " exists.")
  Path config;

  @ArgGroup(exclusive = false)
  TlsFiles tls;

  /** The operator's own certificate: both files or neither. */
  static final class TlsFiles {
    @Option(
        names = "--tls-cert",
        required = true,
        paramLabel = "FILE",
        description = "A PEM certificate chain, leaf first, instead of the generated one.")
    Path certificate;

    @Option(
        names = "--tls-key",
        required = true,
        paramLabel = "FILE",
        description = "The unencrypted PEM private key of --tls-cert.")
    Path key;
  }

  private final Consumer<PublisherServer> onStarted;

  ServeCommand() {
    this(server -> {});
  }

  /** For tests: {@code onStarted} gets the running server, and may close it to end the command. */
  ServeCommand(Consumer<PublisherServer> onStarted) {
    this.onStarted = onStarted;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
    }
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      err.printf("--host %s: unknown host%n", host);
      err.flush();
      return 1;
    }
    if (!Files.isDirectory(repo)) {
      err.printf(
          "%s: %s%n", repo, Files.exists(repo) ? "not a folder" : "no such repository folder");
      err.flush();
      return 1;
    }
    Path configFile =
        ConfigLocation.find(config, System.getenv(), ConfigLocation.DEFAULT).orElse(null);
    // Making a certificate and starting the server take seconds: say so as they start.
    out.printf(
        "%s the TLS certificate...%n",
        tls != null ? "Reading" : "Reading or generating (first start)");
    out.flush();
    ServerCertificate certificate;
    try {
      certificate =
          tls != null
              ? ServerCertificates.load(tls.certificate, tls.key)
              : ServerCertificates.loadOrCreate(
                  keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    } catch (TlsException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
    out.printf(
        "TLS certificate: %s%s%n",
        certificate.certificateFile(), certificate.generated() ? " (generated)" : "");
    out.printf("SHA-256 fingerprint: %s%n", certificate.fingerprint());
    out.flush();
    warnAbout(certificate, tls == null, err);
    if (tls == null && !isLoopback(host) && certificate.names().equals(TlsName.DEFAULTS)) {
      err.printf(
          "warning: the TLS certificate names only localhost and 127.0.0.1, but the server listens"
              + " on %s: consumers that connect by another name refuse it; make one for the names"
              + " they use with: publisher tls --keys %s --replace --tls-name NAME%n",
          host, keys);
      err.flush();
    }

    out.printf("Starting the HTTPS server%s...%n", configFile == null ? "" : " with " + configFile);
    out.flush();
    long start = System.nanoTime();
    PublisherServer server;
    try {
      server =
          PublisherServer.start(
              new ServerSettings(repo, keys, host, port, certificate, configFile));
    } catch (ServerStartException | ConfigurationFileException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
    Thread shutdown = new Thread(server::close, "publisher-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    out.printf(
        "Serving %s on https://%s:%d/ (started in %d ms)%n",
        repo,
        host.contains(":") ? "[" + host + "]" : host,
        server.port(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    List<String> tokens = server.context().getBean(ApiTokens.class).names();
    out.println(
        tokens.isEmpty()
            ? "Write API: no token configured (--config), every call to it is refused"
            : "Write API: /api/v1/ for token(s) " + String.join(", ", tokens));
    out.println(
        "Site reports: /api/v1/sites and /api/v1/reports, stored in the database "
            + server.context().getBean(DatabaseSettings.class).shown());
    out.flush();
    onStarted.accept(server);
    server.awaitClose();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdown);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook closed the server.
    }
    return 0;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void warnAbout(
      ServerCertificate certificate, boolean selfSigned, PrintWriter err) {
    Instant notAfter = certificate.notAfter();
    String renew =
        selfSigned
            ? "make a new one with 'publisher tls --replace', and give it to consumers that pin it"
            : "replace it";
    if (notAfter.isBefore(Instant.now())) {
      err.printf("warning: the TLS certificate expired on %s: %s%n", notAfter, renew);
    } else if (notAfter.isBefore(Instant.now().plus(EXPIRY_WARNING))) {
      err.printf("warning: the TLS certificate expires on %s: %s%n", notAfter, renew);
    }
    if (!ServerCertificates.isOwnerOnly(certificate.keyFile())) {
      err.printf("warning: %s may be read by other users: chmod 600 it%n", certificate.keyFile());
    }
    err.flush();
  }
}
