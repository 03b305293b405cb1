package dev.alize.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The TLS certificate that {@code init} and {@code tls} make, for the names clients use. */
class TlsCommandTest {

  private static final String FINGERPRINT = "([0-9A-F]{2}:){31}[0-9A-F]{2}";

  @TempDir Path temp;

  private record Run(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    /** Standard error's lines but for the progress of the command (its lines ending "..."). */
    List<String> errLines() {
      return err.lines().filter(l -> !l.endsWith("...")).toList();
    }
  }

  private static Run run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    return new Run(cli.execute(strings), out.toString(), err.toString());
  }

  private Path keys() {
    return temp.resolve("keys");
  }

  private Path tlsDir() {
    return keys().resolve("tls");
  }

  private Path certificateFile() {
    return tlsDir().resolve("server.crt.pem");
  }

  private ServerCertificate current() {
    return ServerCertificates.find(tlsDir()).orElseThrow();
  }

  private static Run ok(Run run) {
    assertEquals(0, run.exit(), run::err);
    assertEquals(List.of(), run.errLines());
    return run;
  }

  // init

  @Test
  void init_withTlsNames_makesTheCertificateForThem() {
    Run run =
        ok(
            run(
                "init",
                "--repo",
                temp.resolve("repo"),
                "--keys",
                keys(),
                "--tls-name",
                "models.example.org",
                "--tls-name",
                "192.0.2.10",
                "--tls-name",
                "models.example.org"));
    ServerCertificate made = current();
    assertEquals(
        List.of(TlsName.parse("models.example.org"), TlsName.parse("192.0.2.10")), made.names());
    assertTrue(
        run.out()
            .contains(
                "TLS certificate: "
                    + certificateFile()
                    + " (for models.example.org, 192.0.2.10, valid until "
                    + made.notAfter()
                    + ")\nSHA-256 fingerprint: "
                    + made.fingerprint()
                    + "\n"),
        run::out);
  }

  @Test
  void init_withAnInvalidTlsName_isAUsageErrorThatCreatesNothing() {
    Run run =
        run(
            "init",
            "--repo",
            temp.resolve("repo"),
            "--keys",
            keys(),
            "--tls-name",
            "models.example.org:8443");
    assertEquals(2, run.exit());
    assertTrue(
        run.err()
            .contains(
                "Invalid value for option '--tls-name' (NAME): 'models.example.org:8443' is not a DNS"
                    + " name or an IP address for a certificate: give the host alone, without a"
                    + " port"),
        run::err);
    assertFalse(Files.exists(temp.resolve("repo")));
    assertFalse(Files.exists(keys()));
  }

  @Test
  void init_withAKeyFolderThatHoldsACertificate_exits1AndCreatesNoRepository() {
    ok(run("tls", "--keys", keys()));
    String before = current().fingerprint();
    Run run = run("init", "--repo", temp.resolve("repo"), "--keys", keys());
    assertEquals(1, run.exit());
    assertEquals(
        "error: "
            + tlsDir()
            + " already holds a TLS certificate: give init an empty key folder, or remove that"
            + " folder's two files\n",
        run.err());
    assertFalse(Files.exists(temp.resolve("repo")));
    assertEquals(before, current().fingerprint());
  }

  // tls

  @Test
  void tls_inAnEmptyKeyFolder_makesTheDefaultCertificate() {
    Run run = ok(run("tls", "--keys", keys()));
    ServerCertificate made = current();
    assertEquals(TlsName.DEFAULTS, made.names());
    assertEquals(
        List.of(
            "TLS certificate: "
                + certificateFile()
                + " (for localhost, 127.0.0.1, valid until "
                + made.notAfter()
                + ")",
            "SHA-256 fingerprint: " + made.fingerprint(),
            "restart serve to use it"),
        run.outLines());
  }

  @Test
  void tls_overAnExistingCertificate_withoutReplace_exits1AndKeepsIt() {
    ok(run("tls", "--keys", keys()));
    ServerCertificate old = current();
    Run run = run("tls", "--keys", keys(), "--tls-name", "models.example.org");
    assertEquals(1, run.exit());
    assertEquals(
        "error: "
            + tlsDir()
            + " already holds a TLS certificate (for localhost, 127.0.0.1, SHA-256 fingerprint "
            + old.fingerprint()
            + "): consumers that pin it could not connect to a new one; add --replace to make one"
            + " anyway\n",
        run.err());
    assertEquals("", run.out());
    assertEquals(old.fingerprint(), current().fingerprint());
  }

  @Test
  void tls_replace_printsTheNewFingerprintAndTellsPinningConsumersToUpdate() {
    ok(run("tls", "--keys", keys()));
    ServerCertificate old = current();
    Run run =
        ok(
            run(
                "tls",
                "--keys",
                keys(),
                "--replace",
                "--tls-name",
                "models.example.org",
                "--tls-name",
                "2001:db8::10"));
    ServerCertificate made = current();
    assertNotEquals(old.fingerprint(), made.fingerprint());
    assertEquals(
        List.of(
            "TLS certificate: "
                + certificateFile()
                + " (for models.example.org, 2001:db8:0:0:0:0:0:10, valid until "
                + made.notAfter()
                + ")",
            "SHA-256 fingerprint: " + made.fingerprint(),
            "replaces the certificate with SHA-256 fingerprint "
                + old.fingerprint()
                + ": consumers that pin it (tls-certificate) must be given "
                + certificateFile()
                + " before they can connect again",
            "restart serve to use it"),
        run.outLines());
  }

  @Test
  void tls_replaceWithoutNames_keepsTheNamesOfTheOldCertificate() {
    ok(run("tls", "--keys", keys(), "--tls-name", "models.example.org"));
    String old = current().fingerprint();
    ok(run("tls", "--keys", keys(), "--replace"));
    assertNotEquals(old, current().fingerprint());
    assertEquals(List.of(TlsName.parse("models.example.org")), current().names());
  }

  @Test
  void tls_json_givesTheFilesNamesExpiryAndBothFingerprints() throws IOException {
    ok(run("tls", "--keys", keys()));
    String old = current().fingerprint();
    Run run = ok(run("tls", "--keys", keys(), "--replace", "--json", "--tls-name", "192.0.2.10"));
    JsonNode json = new ObjectMapper().readTree(run.out());
    ServerCertificate made = current();
    assertEquals(certificateFile().toString(), json.get("certificate").asText());
    assertEquals(tlsDir().resolve("server.key.pem").toString(), json.get("key").asText());
    assertEquals("[\"192.0.2.10\"]", json.get("names").toString());
    assertEquals(made.notAfter().toString(), json.get("notAfter").asText());
    assertEquals(made.fingerprint(), json.get("fingerprint").asText());
    assertTrue(made.fingerprint().matches(FINGERPRINT));
    assertEquals(old, json.get("replacedFingerprint").asText());
  }

  @Test
  void tls_withOnlyTheKeyOfAPair_exits1NamingTheMissingFile() throws IOException {
    ok(run("tls", "--keys", keys()));
    Files.delete(certificateFile());
    Run run = run("tls", "--keys", keys(), "--replace");
    assertEquals(1, run.exit());
    assertEquals(
        "error: "
            + tlsDir()
            + " holds server.key.pem but no server.crt.pem: restore the missing file, or remove"
            + " both to generate a new certificate\n",
        run.err());
  }

  @Test
  void tls_withAnEmptyName_isAUsageError() {
    Run run = run("tls", "--keys", keys(), "--tls-name", "");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("is not a DNS name or an IP address"), run::err);
    assertFalse(Files.exists(keys()));
  }
}
