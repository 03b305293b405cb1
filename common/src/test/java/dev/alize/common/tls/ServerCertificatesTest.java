package dev.alize.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificatesTest {

  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String ORGANIZATION = "Alize publisher";

  @TempDir Path temp;

  private Path tls() {
    return temp.resolve("keys/tls");
  }

  @Test
  void loadOrCreate_generatesOnce_thenReusesTheSameCertificate() {
    ServerCertificate first = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    ServerCertificate second = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    assertTrue(first.generated());
    assertFalse(second.generated());
    assertEquals(first.fingerprint(), second.fingerprint());
    assertEquals(tls().resolve("server.crt.pem"), second.certificateFile());
    assertEquals(tls().resolve("server.key.pem"), second.keyFile());
  }

  @Test
  void loadOrCreate_keyIsOwnerOnly_inAnOwnerOnlyFolder() throws IOException {
    ServerCertificate created = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    assertEquals("rw-------", mode(created.keyFile()));
    assertEquals("rwx------", mode(tls()));
    assertEquals("rw-r--r--", mode(created.certificateFile()));
    assertTrue(ServerCertificates.isOwnerOnly(created.keyFile()));
    try (var files = Files.list(tls())) {
      assertEquals(
          Set.of("server.crt.pem", "server.key.pem"),
          files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  @Test
  void generated_namesLocalhostAndLoopback_forAboutAYear() throws Exception {
    X509Certificate leaf = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK).leaf();
    assertEquals(
        Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
        Set.copyOf(leaf.getSubjectAlternativeNames()));
    Duration validity =
        Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    assertTrue(validity.toDays() >= 365 && validity.toDays() <= 366, validity.toString());
    assertTrue(leaf.getNotBefore().toInstant().isBefore(NOW));
    assertEquals(-1, leaf.getBasicConstraints());
    leaf.verify(leaf.getPublicKey());
  }

  @Test
  void generate_namesTheGivenHostsAndAddresses_withTheFirstAsCommonName() throws Exception {
    ServerCertificate made =
        ServerCertificates.generate(
            tls(),
            ORGANIZATION,
            List.of(TlsName.parse("models.example.org"), TlsName.parse("192.0.2.10")),
            CLOCK);
    assertEquals(
        List.of(List.of(2, "models.example.org"), List.of(7, "192.0.2.10")),
        List.copyOf(made.leaf().getSubjectAlternativeNames()));
    assertEquals(
        List.of(TlsName.parse("models.example.org"), TlsName.parse("192.0.2.10")), made.names());
    assertEquals(
        "CN=models.example.org,O=Alize publisher", made.leaf().getSubjectX500Principal().getName());
    assertEquals(
        made.fingerprint(),
        ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK).fingerprint());
  }

  @Test
  void generate_replacesTheCertificateAndKeyThere_keepingTheKeyOwnerOnly() throws IOException {
    ServerCertificate first = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    ServerCertificate second =
        ServerCertificates.generate(
            tls(), ORGANIZATION, List.of(TlsName.parse("models.example.org")), CLOCK);
    assertNotEquals(first.fingerprint(), second.fingerprint());
    ServerCertificate loaded = ServerCertificates.find(tls()).orElseThrow();
    assertEquals(second.fingerprint(), loaded.fingerprint());
    assertEquals(List.of(TlsName.parse("models.example.org")), loaded.names());
    assertEquals("rw-------", mode(loaded.keyFile()));
    assertEquals("rw-r--r--", mode(loaded.certificateFile()));
    try (var files = Files.list(tls())) {
      assertEquals(2, files.count(), "no temporary file left");
    }
  }

  @Test
  void madeFor_reusesTheCertificateOfTheSameNames_inAnyOrder() {
    List<TlsName> names = List.of(TlsName.parse("admin.example.org"), TlsName.parse("192.0.2.10"));
    ServerCertificate made = ServerCertificates.madeFor(tls(), ORGANIZATION, names, CLOCK);
    ServerCertificate again =
        ServerCertificates.madeFor(tls(), ORGANIZATION, List.of(names.get(1), names.get(0)), CLOCK);
    assertTrue(made.generated());
    assertFalse(again.generated());
    assertEquals(made.fingerprint(), again.fingerprint());
    assertEquals(names, again.names());
  }

  @Test
  void madeFor_otherNames_replacesTheCertificate() {
    ServerCertificate made =
        ServerCertificates.madeFor(
            tls(), ORGANIZATION, List.of(TlsName.parse("admin.example.org")), CLOCK);
    List<TlsName> other = List.of(TlsName.parse("admin.example.org"), TlsName.parse("192.0.2.10"));
    ServerCertificate replaced = ServerCertificates.madeFor(tls(), ORGANIZATION, other, CLOCK);
    assertTrue(replaced.generated());
    assertNotEquals(made.fingerprint(), replaced.fingerprint());
    assertEquals(other, ServerCertificates.find(tls()).orElseThrow().names());
  }

  @Test
  void madeFor_nearItsEnd_makesANewOne() {
    List<TlsName> names = List.of(TlsName.parse("admin.example.org"));
    ServerCertificate made = ServerCertificates.madeFor(tls(), ORGANIZATION, names, CLOCK);
    Instant stillFar = made.notAfter().minus(ServerCertificates.RENEWAL).minusSeconds(60);
    assertEquals(
        made.fingerprint(),
        ServerCertificates.madeFor(
                tls(), ORGANIZATION, names, Clock.fixed(stillFar, ZoneOffset.UTC))
            .fingerprint());
    Instant near = made.notAfter().minus(ServerCertificates.RENEWAL).plusSeconds(60);
    ServerCertificate renewed =
        ServerCertificates.madeFor(tls(), ORGANIZATION, names, Clock.fixed(near, ZoneOffset.UTC));
    assertTrue(renewed.generated());
    assertTrue(renewed.notAfter().isAfter(made.notAfter()));
  }

  @Test
  void find_inAnEmptyFolder_findsNothing() {
    assertTrue(ServerCertificates.find(tls()).isEmpty());
    assertFalse(Files.exists(tls()), "finding writes nothing");
  }

  @Test
  void fingerprint_isTheColonSeparatedSha256OfTheDer() throws Exception {
    ServerCertificate created = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(created.leaf().getEncoded());
    assertEquals(
        HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), created.fingerprint());
    assertTrue(created.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
  }

  @Test
  void twoGenerations_haveDifferentKeys() {
    ServerCertificate a = ServerCertificates.loadOrCreate(temp.resolve("a"), ORGANIZATION, CLOCK);
    ServerCertificate b = ServerCertificates.loadOrCreate(temp.resolve("b"), ORGANIZATION, CLOCK);
    assertNotEquals(a.fingerprint(), b.fingerprint());
  }

  @Test
  void loadOrCreate_refusesAKeyWithoutItsCertificate() throws IOException {
    ServerCertificate created = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    Files.delete(created.certificateFile());
    TlsException e =
        assertThrows(
            TlsException.class, () -> ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK));
    assertTrue(e.getMessage().contains("server.key.pem but no server.crt.pem"), e.getMessage());
    assertTrue(Files.exists(created.keyFile()), "the key is never overwritten");
  }

  @Test
  void load_operatorFiles_withAChain() throws IOException {
    ServerCertificate leaf =
        ServerCertificates.loadOrCreate(temp.resolve("leaf"), ORGANIZATION, CLOCK);
    ServerCertificate other =
        ServerCertificates.loadOrCreate(temp.resolve("other"), ORGANIZATION, CLOCK);
    Path chain = temp.resolve("chain.pem");
    Files.writeString(
        chain,
        Files.readString(leaf.certificateFile()) + Files.readString(other.certificateFile()));
    ServerCertificate loaded = ServerCertificates.load(chain, leaf.keyFile());
    assertEquals(2, loaded.chain().size());
    assertEquals(leaf.fingerprint(), loaded.fingerprint());
    assertFalse(loaded.generated());
  }

  @Test
  void load_refusesAKeyOfAnotherCertificate() {
    ServerCertificate a = ServerCertificates.loadOrCreate(temp.resolve("a"), ORGANIZATION, CLOCK);
    ServerCertificate b = ServerCertificates.loadOrCreate(temp.resolve("b"), ORGANIZATION, CLOCK);
    TlsException e =
        assertThrows(
            TlsException.class, () -> ServerCertificates.load(a.certificateFile(), b.keyFile()));
    assertTrue(
        e.getMessage().contains("is not the private key of the certificate"), e.getMessage());
    assertEquals(Optional.of(b.keyFile()), e.file(), "the key is at fault");
  }

  @Test
  void load_refusesAMissingCertificate() {
    ServerCertificate a = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    TlsException e =
        assertThrows(
            TlsException.class,
            () -> ServerCertificates.load(temp.resolve("absent.pem"), a.keyFile()));
    assertTrue(e.getMessage().startsWith("cannot read the TLS certificate"), e.getMessage());
    assertEquals(Optional.of(temp.resolve("absent.pem")), e.file());
  }

  @Test
  void load_refusesAFileThatIsNotPem() throws IOException {
    ServerCertificate a = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    Path garbage = temp.resolve("garbage.pem");
    Files.write(garbage, new byte[] {0, (byte) 0xff, 'x', '\n'});
    TlsException e =
        assertThrows(TlsException.class, () -> ServerCertificates.load(garbage, a.keyFile()));
    assertTrue(e.getMessage().contains("not a PEM certificate"), e.getMessage());
  }

  @Test
  void load_refusesACertificateWhereTheKeyShouldBe() {
    ServerCertificate a = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    TlsException e =
        assertThrows(
            TlsException.class,
            () -> ServerCertificates.load(a.certificateFile(), a.certificateFile()));
    assertTrue(e.getMessage().contains("not a PEM private key"), e.getMessage());
  }

  @Test
  void load_refusesAnUnreadableKey() throws IOException {
    ServerCertificate a = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    // A folder where the key should be: unreadable as a file even for root, who reads any file.
    Path folder = Files.createDirectories(temp.resolve("key-is-a-folder"));
    TlsException e =
        assertThrows(
            TlsException.class, () -> ServerCertificates.load(a.certificateFile(), folder));
    assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
  }

  @Test
  void isOwnerOnly_isFalseForAGroupReadableKey() throws IOException {
    ServerCertificate a = ServerCertificates.loadOrCreate(tls(), ORGANIZATION, CLOCK);
    Files.setPosixFilePermissions(a.keyFile(), PosixFilePermissions.fromString("rw-r-----"));
    assertFalse(ServerCertificates.isOwnerOnly(a.keyFile()));
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
