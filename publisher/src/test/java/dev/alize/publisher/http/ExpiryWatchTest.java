package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.notify.MaintainerNotifier;
import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The running server tells the maintainers, a month ahead and once, of metadata that expires unless
 * one of them acts, and reports an expired root on /health.
 */
class ExpiryWatchTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path temp;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> loggers =
      Stream.of(MaintainerNotifier.class, ExpiryWatch.class)
          .map(c -> (Logger) LoggerFactory.getLogger(c))
          .toList();
  private Path repo;
  private Path keys;

  @BeforeEach
  void init() {
    repo = temp.resolve("repo");
    keys = temp.resolve("keys");
    RepositoryInitializer.init(
        repo,
        new KeyDirectory(keys, null),
        RepositorySettings.DEFAULT,
        Map.of(),
        "test",
        Clock.fixed(START, ZoneOffset.UTC));
    logged.start();
    loggers.forEach(l -> l.addAppender(logged));
  }

  @AfterEach
  void detach() {
    loggers.forEach(l -> l.detachAppender(logged));
  }

  private PublisherServer serve(MutableClock clock) throws Exception {
    ServerCertificate certificate =
        ServerCertificates.loadOrCreate(
            keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    return PublisherServer.start(
        new ServerSettings(repo, keys, "127.0.0.1", 0, certificate), clock);
  }

  /** The lines about expiry, as {@code LEVEL message}. */
  private List<String> lines() {
    return logged.list.stream()
        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
        .filter(l -> l.contains("expire"))
        .toList();
  }

  private static double gauge(PublisherServer server) {
    return server
        .context()
        .getBean(MeterRegistry.class)
        .get(MetadataExpiryMetrics.HUMAN_RENEWAL)
        .gauge()
        .value();
  }

  @Test
  void aRootWithinAMonthOfItsExpiry_isToldOnceWithItsFileDateAndFix_andItsDaysAreAGauge()
      throws Exception {
    try (PublisherServer server = serve(new MutableClock(START.plus(Duration.ofDays(340))))) {
      ExpiryWatch watch = server.context().getBean(ExpiryWatch.class);
      watch.run();
      watch.run();
      assertEquals(
          List.of(
              "WARN Alizé: root metadata expires in 25 day(s) and needs a maintainer: root"
                  + " version 1 ("
                  + repo.resolve("metadata").resolve("1.root.json")
                  + ") expires on 2031-01-01T00:00:00Z, and only a maintainer can renew it: the"
                  + " root key is kept offline; consumers will refuse the repository once it has"
                  + " expired; to renew it, bring the offline root key and run 'publisher"
                  + " rotate-key root --repo "
                  + repo
                  + " --keys "
                  + keys
                  + "' (the root key ceremony of keys/README.md)"),
          lines());
      assertEquals(25.0, gauge(server), 0.001);
    }
  }

  @Test
  void aTargetsRoleWhoseKeyIsNotHere_isToldAMonthBeforeItExpires() throws Exception {
    try (Stream<Path> targetsKeys = Files.list(keys.resolve("targets"))) {
      for (Path key : targetsKeys.toList()) {
        Files.move(key, temp.resolve(key.getFileName()));
      }
    }
    try (PublisherServer server = serve(new MutableClock(START.plus(Duration.ofDays(70))))) {
      server.context().getBean(ExpiryWatch.class).run();
      List<String> lines = lines();
      assertEquals(1, lines.size(), lines::toString);
      assertTrue(
          lines
              .get(0)
              .startsWith(
                  "WARN Alizé: targets metadata expires in 20 day(s) and needs a maintainer:"
                      + " targets version 1 ("
                      + repo.resolve("metadata").resolve("1.targets.json")
                      + ") expires on 2030-04-01T00:00:00Z, and only a maintainer can renew it: "
                      + keys.resolve("targets")
                      + " holds 0 of the 1 key(s) it needs, so the re-sign job cannot renew it;"),
          lines::toString);
      assertTrue(
          lines.get(0).contains("copy its key into " + keys.resolve("targets")), lines::toString);
      assertEquals(20.0, gauge(server), 0.001);
    }
  }

  @Test
  void aRootThatExpiresWhileServed_isAnErrorAndHealthIsDown() throws Exception {
    MutableClock clock = new MutableClock(START.plus(Duration.ofDays(364)));
    try (PublisherServer server = serve(clock)) {
      ExpiryWatch watch = server.context().getBean(ExpiryWatch.class);
      watch.run();
      clock.advance(Duration.ofDays(2));
      watch.run();
      List<String> lines = lines();
      assertEquals(3, lines.size(), lines::toString);
      assertTrue(
          lines
              .get(1)
              .startsWith(
                  "ERROR root version 1 ("
                      + repo.resolve("metadata").resolve("1.root.json")
                      + ") expired on 2031-01-01T00:00:00Z, and only a maintainer can renew it:"
                      + " the root key is kept offline; every consumer refuses the repository"
                      + " until it is renewed;"),
          lines::toString);
      assertTrue(
          lines.get(2).startsWith("WARN Alizé: root metadata has expired and needs a maintainer"),
          lines::toString);
      HttpResponse<String> health =
          PinnedClients.httpClient(
                  PinnedClients.trusting(
                      ServerCertificates.loadOrCreate(
                              keys.resolve("tls"),
                              ServerSettings.CERTIFICATE_ORGANIZATION,
                              Clock.systemUTC())
                          .leaf()))
              .send(
                  HttpRequest.newBuilder(
                          URI.create("https://127.0.0.1:" + server.port() + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(503, health.statusCode(), health::body);
      assertTrue(health.body().contains("\"DOWN\""), health::body);
    }
  }
}
