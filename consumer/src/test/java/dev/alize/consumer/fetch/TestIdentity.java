package dev.alize.consumer.fetch;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key pair and a self-signed certificate, for the IP address 127.0.0.1 unless said, for TLS
 * tests.
 */
public record TestIdentity(KeyPair keys, X509Certificate certificate) {

  public static TestIdentity selfSigned() throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    return selfSigned(
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(1)),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
  }

  /** A certificate for {@code localhost} only, by its DNS name. */
  public static TestIdentity forLocalhostOnly() throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    return selfSigned(
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(1)),
        new GeneralName(GeneralName.dNSName, "localhost"));
  }

  /** A certificate for 127.0.0.1 valid from {@code notBefore} to {@code notAfter}. */
  public static TestIdentity validBetween(Instant notBefore, Instant notAfter)
      throws GeneralSecurityException, IOException {
    return selfSigned(notBefore, notAfter, new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
  }

  private static TestIdentity selfSigned(Instant notBefore, Instant notAfter, GeneralName name)
      throws GeneralSecurityException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=alize test");
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(System.nanoTime()).abs().add(BigInteger.ONE),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
    try {
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new TestIdentity(keys, certificate);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The certificate in PEM, as operators configure it. */
  public String certificatePem() throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }
}
