package dev.alize.publisher.cli;

import dev.alize.common.tls.CertificateLines;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsException;
import dev.alize.common.tls.TlsName;
import dev.alize.publisher.http.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tls}: a new self-signed certificate for {@code serve}, for the names clients use. */
@Command(
    name = "tls",
    mixinStandardHelpOptions = true,
    description = {
      "Make the self-signed TLS certificate that 'serve' uses.",
      "It goes in KEYS/tls/, for the names and addresses clients connect to. An existing"
          + " certificate is replaced only with --replace: consumers that pin it must then"
          + " be given the new one. Without --tls-name, a replacement keeps the names of the old one.",
      "Restart 'serve' to use it."
    })
final class TlsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--keys",
      required = true,
      paramLabel = "KEYDIR",
      description = "The publisher's keys folder; the certificate goes in its tls/.")
  Path keys;

  @Mixin TlsNameOptions names;

  @Option(
      names = "--replace",
      description = "Replace the certificate already there (consumers pinning it must update).")
  boolean replace;

  @Option(names = "--json", description = "Answer in JSON.")
  boolean json;

  private final Clock clock;

  TlsCommand() {
    this(Clock.systemUTC());
  }

  TlsCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Path tlsDir = keys.resolve("tls");
    Optional<ServerCertificate> old = ServerCertificates.find(tlsDir);
    if (old.isPresent() && !replace) {
      throw new TlsException(
          tlsDir
              + " already holds a TLS certificate (for "
              + CertificateLines.names(old.get())
              + ", SHA-256 fingerprint "
              + old.get().fingerprint()
              + "): consumers that pin it could not connect to a new one; add --replace to make"
              + " one anyway");
    }
    List<TlsName> chosen =
        !names.given().isEmpty()
            ? names.given()
            : old.map(ServerCertificate::names)
                .filter(list -> !list.isEmpty())
                .orElse(TlsName.DEFAULTS);
    ServerCertificate made =
        ServerCertificates.generate(tlsDir, ServerSettings.CERTIFICATE_ORGANIZATION, chosen, clock);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("certificate", made.certificateFile().toString());
      answer.put("key", made.keyFile().toString());
      answer.put("names", made.names().stream().map(TlsName::value).toList());
      answer.put("notAfter", made.notAfter().toString());
      answer.put("fingerprint", made.fingerprint());
      answer.put("replacedFingerprint", old.map(ServerCertificate::fingerprint).orElse(null));
      Json.print(out, answer);
    } else {
      CertificateLines.print(out, made);
      old.ifPresent(
          replaced ->
              out.printf(
                  "replaces the certificate with SHA-256 fingerprint %s: consumers that pin it"
                      + " (tls-certificate) must be given %s before they can connect again%n",
                  replaced.fingerprint(), made.certificateFile()));
      out.println("restart serve to use it");
    }
    out.flush();
    return 0;
  }
}
