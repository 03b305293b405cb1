package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsName;
import dev.alize.consumer.config.CheckedContexts;
import dev.alize.consumer.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain HTTP on loopback only: the choice the admin API's settings make, and each mistake in its
 * TLS keys refused by key. Nothing listens here; {@code AdminApiTlsTest} serves.
 */
class ApiTlsTest {

  @TempDir Path temp;

  /** The TLS choice of a configuration file in {@code temp} with these keys. */
  private ApiTls tls(Map<String, Object> properties) {
    try (ApplicationContext context = CheckedContexts.start(properties)) {
      return ApiSettings.from(
              context.getBean(ApiProperties.class),
              context.getBeansOfType(AdminProperties.class),
              context.getBean(ApiTlsProperties.class),
              temp)
          .tls();
    }
  }

  private static Map<String, Object> api(Object... keysAndValues) {
    Map<String, Object> properties = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put("alize.consumer.api." + keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  private String refused(Map<String, Object> properties) {
    return assertThrows(ConfigurationException.class, () -> tls(properties)).getMessage();
  }

  /** A certificate and its key made in {@code temp/name/}, as an operator's own. */
  private ServerCertificate own(String name) {
    return ServerCertificates.generate(
        temp.resolve(name), "Operator", List.of(TlsName.parse("127.0.0.1")), Clock.systemUTC());
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost", "LocalHost"})
  void loopback_withoutTls_isPlainHttp(String host) {
    ApiTls tls = tls(api("host", host));
    assertFalse(tls.enabled());
    assertTrue(ApiTls.isLoopback(host));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0.0.0.0", "::", "192.0.2.10", "2001:db8::10", "admin.example.org", "consumer"})
  void beyondLoopback_withoutTls_isRefused_sayingWhatToWrite(String host) {
    assertEquals(
        "alize.consumer.api.host: '"
            + host
            + "' is beyond loopback, where the admin API answers over HTTPS only: set"
            + " alize.consumer.api.tls.names to the names and addresses clients use to reach it"
            + " (as [admin.example.org, 192.0.2.10]) for a certificate made for them, or"
            + " alize.consumer.api.tls.certificate and alize.consumer.api.tls.key to PEM files of"
            + " your own; or listen on 127.0.0.1",
        refused(api("host", host)));
    assertFalse(ApiTls.isLoopback(host));
  }

  @Test
  void beyondLoopback_withNames_isHttpsWithACertificateMadeForThem() {
    ApiTls tls =
        tls(api("host", "0.0.0.0", "tls.names", List.of("Admin.Example.org", "192.0.2.10")));
    assertTrue(tls.enabled());
    assertNull(tls.given());
    assertEquals(
        List.of(TlsName.parse("admin.example.org"), TlsName.parse("192.0.2.10")), tls.names());
  }

  @Test
  void names_onLoopback_turnHttpsOnThereToo() {
    ApiTls tls = tls(api("tls.names", List.of("localhost", "127.0.0.1", "localhost")));
    assertTrue(tls.enabled());
    assertEquals(TlsName.DEFAULTS, tls.names(), "each name once");
  }

  @Test
  void names_fromTheEnvironment_areAList() {
    try (ApplicationContext context =
        CheckedContexts.start(
            api("host", "0.0.0.0"),
            CheckedContexts.variables(
                Map.of("ALIZE_CONSUMER_API_TLS_NAMES", "admin.example.org,192.0.2.10")))) {
      ApiTls tls =
          ApiSettings.from(
                  context.getBean(ApiProperties.class),
                  List.of(),
                  context.getBean(ApiTlsProperties.class),
                  temp)
              .tls();
      assertEquals(
          List.of(TlsName.parse("admin.example.org"), TlsName.parse("192.0.2.10")), tls.names());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin.example.org:8443", "https://admin.example.org", "0.0.0.0", ""})
  void name_thatNoCertificateCanHold_namesTheKey(String name) {
    String message = refused(api("host", "0.0.0.0", "tls.names", List.of("localhost", name)));
    assertTrue(message.startsWith("alize.consumer.api.tls.names: '" + name + "' "), message);
  }

  @Test
  void givenCertificate_isHttpsOnAnyHost_itsPathsRelativeToTheConfigurationFolder() {
    ServerCertificate own = own("own");
    for (String host : List.of("127.0.0.1", "0.0.0.0")) {
      ApiTls tls =
          tls(
              api(
                  "host",
                  host,
                  "tls.certificate",
                  "own/server.crt.pem",
                  "tls.key",
                  "own/server.key.pem"));
      assertTrue(tls.enabled());
      assertEquals(own.fingerprint(), tls.given().fingerprint());
      assertEquals(own.certificateFile(), tls.given().certificateFile());
      assertEquals(List.of(), tls.names());
    }
  }

  @Test
  void certificateWithoutKey_andKeyWithoutCertificate_nameTheMissingKey() {
    own("own");
    String message = refused(api("tls.certificate", "own/server.crt.pem"));
    assertTrue(
        message.startsWith(
            "alize.consumer.api.tls.key: required with alize.consumer.api.tls.certificate"),
        message);
    message = refused(api("tls.key", "own/server.key.pem"));
    assertTrue(
        message.startsWith(
            "alize.consumer.api.tls.certificate: required with alize.consumer.api.tls.key"),
        message);
  }

  @Test
  void namesBesideAGivenCertificate_areRefused() {
    own("own");
    String message =
        refused(
            api(
                "tls.certificate",
                "own/server.crt.pem",
                "tls.key",
                "own/server.key.pem",
                "tls.names",
                List.of("admin.example.org")));
    assertTrue(message.startsWith("alize.consumer.api.tls.names: "), message);
  }

  @Test
  void missingCertificate_namesItsKeyAndFile() {
    own("own");
    assertEquals(
        "alize.consumer.api.tls.certificate: cannot read the TLS certificate "
            + temp.resolve("absent.pem")
            + ": no such file",
        refused(api("tls.certificate", "absent.pem", "tls.key", "own/server.key.pem")));
  }

  @Test
  void certificateThatIsNotPem_namesItsKey() throws IOException {
    own("own");
    Files.write(temp.resolve("garbage.pem"), new byte[] {0, (byte) 0xff, 'x', '\n'});
    String message =
        refused(api("tls.certificate", "garbage.pem", "tls.key", "own/server.key.pem"));
    assertTrue(message.startsWith("alize.consumer.api.tls.certificate: "), message);
    assertTrue(message.contains("not a PEM certificate"), message);
  }

  @Test
  void keyOfAnotherCertificate_namesTheKeyKey() {
    own("own");
    own("other");
    String message =
        refused(api("tls.certificate", "own/server.crt.pem", "tls.key", "other/server.key.pem"));
    assertEquals(
        "alize.consumer.api.tls.key: "
            + temp.resolve("other/server.key.pem")
            + " is not the private key of the certificate "
            + temp.resolve("own/server.crt.pem"),
        message);
  }

  @Test
  void certificateWhereTheKeyShouldBe_namesTheKeyKey() throws IOException {
    own("own");
    Files.copy(temp.resolve("own/server.crt.pem"), temp.resolve("copy.pem"));
    String message = refused(api("tls.certificate", "own/server.crt.pem", "tls.key", "copy.pem"));
    assertTrue(message.startsWith("alize.consumer.api.tls.key: "), message);
    assertTrue(message.contains("not a PEM private key"), message);
  }

  @Test
  void oneFileForCertificateAndKey_isRefused() {
    own("own");
    assertEquals(
        "alize.consumer.api.tls.key: the same file as alize.consumer.api.tls.certificate: give"
            + " the private key's own PEM file",
        refused(api("tls.certificate", "own/server.crt.pem", "tls.key", "./own/server.crt.pem")));
  }

  @Test
  void disabledApi_beyondLoopback_isNotRefused() {
    assertFalse(tls(api("enabled", "false", "host", "0.0.0.0")).enabled());
  }

  @Test
  void choosing_writesNothing() throws IOException {
    tls(api("host", "0.0.0.0", "tls.names", List.of("admin.example.org")));
    try (var files = Files.list(temp)) {
      assertEquals(0, files.count(), "a certificate is made when the API starts, not before");
    }
  }
}
