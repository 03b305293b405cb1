package dev.alize.common.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for the names and addresses clients connect to, for operators
 * who pin it rather than buy one.
 */
final class SelfSignedCertificates {

  static final Duration VALIDITY = Duration.ofDays(365);

  /** Tolerates clients whose clock is a little behind. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private SelfSignedCertificates() {}

  record Generated(KeyPair keys, X509Certificate certificate) {}

  /**
   * @param organization the subject's O, naming the application that serves with it, as a browser
   *     shows it
   */
  static Generated generate(String organization, List<TlsName> names, Clock clock) {
    if (names.isEmpty()) {
      throw new TlsException("a certificate names at least one host");
    }
    try {
      // P-256: fast to generate, and every TLS client accepts it.
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keys = generator.generateKeyPair();
      Instant now = clock.instant();
      X500Name subject =
          // Encoded most significant first, so that it reads "CN=…,O=Alize publisher".
          new X500NameBuilder()
              .addRDN(BCStyle.O, organization)
              .addRDN(BCStyle.CN, names.get(0).value())
              .build();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(VALIDITY)),
              subject,
              keys.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder
          .addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(
                  names.stream()
                      .map(SelfSignedCertificates::generalName)
                      .toArray(GeneralName[]::new)))
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              utils.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new Generated(keys, certificate);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new TlsException(
          null, "cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralName generalName(TlsName name) {
    return new GeneralName(
        name.kind() == TlsName.Kind.DNS ? GeneralName.dNSName : GeneralName.iPAddress,
        name.value());
  }
}
