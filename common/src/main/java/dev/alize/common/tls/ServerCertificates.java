package dev.alize.common.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the HTTPS server's certificate and key: the operator's, or a self-signed pair made once.
 */
public final class ServerCertificates {

  public static final String CERTIFICATE_FILE = "server.crt.pem";
  public static final String KEY_FILE = "server.key.pem";

  /** How long before its end {@link #madeFor} makes a certificate again. */
  public static final Duration RENEWAL = Duration.ofDays(30);

  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_FILE =
      PosixFilePermissions.fromString("rw-r--r--");

  private ServerCertificates() {}

  /** The operator's own certificate chain and key, checked to belong together. */
  public static ServerCertificate load(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    checkPair(chain.get(0), key, certificateFile, keyFile);
    return new ServerCertificate(certificateFile, keyFile, chain, false);
  }

  /**
   * The self-signed pair in {@code tlsDir}, generated for {@link TlsName#DEFAULTS} on the first
   * call (folder 0700, key 0600) and reused afterwards, so that a pinned fingerprint stays valid
   * across restarts.
   *
   * @param organization the application that serves with it, the subject's O
   */
  public static ServerCertificate loadOrCreate(Path tlsDir, String organization, Clock clock) {
    return find(tlsDir).orElseGet(() -> generate(tlsDir, organization, TlsName.DEFAULTS, clock));
  }

  /**
   * The self-signed pair in {@code tlsDir} when it was made for {@code names} (in any order) and
   * stays valid for {@link #RENEWAL} more, else a new one for them in its place: where the names
   * are configured, a restart applies them, and the fingerprint changes only with them or when the
   * certificate nears its end.
   */
  public static ServerCertificate madeFor(
      Path tlsDir, String organization, List<TlsName> names, Clock clock) {
    Optional<ServerCertificate> found = find(tlsDir);
    if (found.isPresent()
        && Set.copyOf(found.get().names()).equals(Set.copyOf(names))
        && found.get().notAfter().isAfter(clock.instant().plus(RENEWAL))) {
      return found.get();
    }
    return generate(tlsDir, organization, names, clock);
  }

  /**
   * The pair in {@code tlsDir}, if it holds one.
   *
   * @throws TlsException when it holds one file of the two, or files that do not belong together
   */
  public static Optional<ServerCertificate> find(Path tlsDir) {
    Path certificateFile = tlsDir.resolve(CERTIFICATE_FILE);
    Path keyFile = tlsDir.resolve(KEY_FILE);
    boolean hasCertificate = Files.exists(certificateFile);
    boolean hasKey = Files.exists(keyFile);
    if (hasCertificate && hasKey) {
      return Optional.of(load(certificateFile, keyFile));
    }
    if (hasCertificate || hasKey) {
      throw new TlsException(
          tlsDir,
          tlsDir
              + " holds "
              + (hasKey
                  ? KEY_FILE + " but no " + CERTIFICATE_FILE
                  : CERTIFICATE_FILE + " but no " + KEY_FILE)
              + ": restore the missing file, or remove both to generate a new certificate");
    }
    return Optional.empty();
  }

  /**
   * A new self-signed pair for {@code names} in {@code tlsDir}, replacing any there: consumers that
   * pinned the old certificate must be given the new one.
   */
  public static ServerCertificate generate(
      Path tlsDir, String organization, List<TlsName> names, Clock clock) {
    SelfSignedCertificates.Generated generated =
        SelfSignedCertificates.generate(organization, names, clock);
    Path certificateFile = tlsDir.resolve(CERTIFICATE_FILE);
    Path keyFile = tlsDir.resolve(KEY_FILE);
    try {
      createPrivateDirectory(tlsDir);
      // The key first: a certificate without its key would be useless.
      write(keyFile, PemFiles.toPem(generated.keys().getPrivate()), OWNER_ONLY_FILE);
      write(certificateFile, PemFiles.toPem(generated.certificate()), PUBLIC_FILE);
    } catch (IOException e) {
      throw new TlsException(
          tlsDir, "cannot write the TLS certificate into " + tlsDir + ": " + e, e);
    }
    return new ServerCertificate(certificateFile, keyFile, List.of(generated.certificate()), true);
  }

  /** Whether only its owner may read {@code keyFile}; true where permissions are not POSIX. */
  public static boolean isOwnerOnly(Path keyFile) {
    if (!isPosix(keyFile)) {
      return true;
    }
    try {
      return OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(keyFile));
    } catch (IOException e) {
      return false;
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      setPermissions(dir, OWNER_ONLY_DIR);
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createPrivateDirectory(parent);
    }
    try {
      Files.createDirectory(dir, permissions(dir, OWNER_ONLY_DIR));
    } catch (FileAlreadyExistsException e) {
      setPermissions(dir, OWNER_ONLY_DIR);
    }
  }

  /** Written whole under a temporary name, with its final mode from the start, then renamed. */
  private static void write(Path file, String pem, Set<PosixFilePermission> mode)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", permissions(dir, mode));
    try {
      Files.writeString(temp, pem, StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static FileAttribute<?>[] permissions(Path dir, Set<PosixFilePermission> mode) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }

  private static void setPermissions(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (isPosix(path)) {
      Files.setPosixFilePermissions(path, mode);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Signs with the key and verifies with the certificate: the only check that they match. */
  private static void checkPair(
      X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default ->
              throw new TlsException(
                  keyFile,
                  keyFile
                      + ": unsupported key algorithm "
                      + key.getAlgorithm()
                      + " (use EC or RSA)");
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's lands here too.
    }
    throw new TlsException(
        keyFile, keyFile + " is not the private key of the certificate " + certificateFile);
  }
}
