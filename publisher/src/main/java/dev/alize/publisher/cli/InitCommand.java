package dev.alize.publisher.cli;

import dev.alize.common.tls.CertificateLines;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsException;
import dev.alize.common.tls.TlsName;
import dev.alize.publisher.http.ServerSettings;
import dev.alize.publisher.repository.FileMode;
import dev.alize.publisher.repository.PublishException;
import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code init}: keys for the four roles and a first signed, empty repository. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create keys for root, targets, snapshot and timestamp, and a first signed repository.",
      "Move the root key offline afterwards: only key rotation needs it.",
      "Also makes the self-signed TLS certificate of 'serve', in KEYS/tls/, for the --tls-name"
          + " given (default: localhost and 127.0.0.1)."
    })
final class InitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin RepositoryOptions options;
  @Mixin TlsNameOptions tlsNames;

  @Option(
      names = "--threshold",
      paramLabel = "ROLE=N",
      description = "Make N keys for ROLE and require all of them (default 1 per role).")
  Map<String, Integer> thresholds = Map.of();

  @Option(
      names = "--file-mode",
      paramLabel = "MODE",
      converter = FileModeConverter.class,
      description =
          "Who may read the served files (metadata and targets): owner (default), group (a web"
              + " server in the signing user's group) or all. Kept by every later change.")
  FileMode fileMode = FileMode.OWNER;

  @Option(names = "--root-expiry", paramLabel = "PERIOD", description = "Default: 365d.")
  String rootExpiry = "365d";

  @Option(names = "--targets-expiry", paramLabel = "PERIOD", description = "Default: 90d.")
  String targetsExpiry = "90d";

  @Option(names = "--snapshot-expiry", paramLabel = "PERIOD", description = "Default: 7d.")
  String snapshotExpiry = "7d";

  @Option(names = "--timestamp-expiry", paramLabel = "PERIOD", description = "Default: 1d.")
  String timestampExpiry = "1d";

  @Override
  public Integer call() {
    RepositorySettings settings =
        RepositorySettings.DEFAULT
            .with("root", RepositorySettings.parsePeriod(rootExpiry))
            .with("targets", RepositorySettings.parsePeriod(targetsExpiry))
            .with("snapshot", RepositorySettings.parsePeriod(snapshotExpiry))
            .with("timestamp", RepositorySettings.parsePeriod(timestampExpiry))
            .withFileMode(fileMode);
    RepositoryInitializer.refuseExisting(options.repo, options.keyDirectory());
    // Checked before anything is written, so that a refusal leaves nothing half-made.
    Path tlsDir = options.keys.resolve("tls");
    if (ServerCertificates.find(tlsDir).isPresent()) {
      throw new TlsException(
          tlsDir
              + " already holds a TLS certificate: give init an empty key folder, or remove"
              + " that folder's two files");
    }
    options.progress("initialising " + options.repo);
    List<TlsName> names = tlsNames.given().isEmpty() ? TlsName.DEFAULTS : tlsNames.given();
    AtomicReference<ServerCertificate> certificate = new AtomicReference<>();
    Map<String, List<String>> ids =
        RepositoryInitializer.init(
            options.repo,
            options.keyDirectory(),
            settings,
            thresholds,
            options.actor(),
            Clock.systemUTC(),
            () ->
                certificate.set(
                    ServerCertificates.generate(
                        tlsDir,
                        ServerSettings.CERTIFICATE_ORGANIZATION,
                        names,
                        Clock.systemUTC())));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "initialised repository %s with keys in %s (served files readable by %s)%n",
        options.repo, options.keys, fileMode.readers());
    ids.forEach((role, list) -> out.printf("  %-9s %s%n", role, String.join(", ", list)));
    out.printf(
        "trust anchor for consumers: %s%n",
        options.repo.resolve("metadata").resolve("1.root.json"));
    CertificateLines.print(out, certificate.get());
    out.flush();
    return 0;
  }

  static final class FileModeConverter implements ITypeConverter<FileMode> {
    @Override
    public FileMode convert(String value) {
      try {
        return FileMode.parse(value);
      } catch (PublishException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
