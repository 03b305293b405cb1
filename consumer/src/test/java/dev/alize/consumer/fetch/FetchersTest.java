package dev.alize.consumer.fetch;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.version.Bump;
import dev.alize.consumer.config.Subscription;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetchers serve keeps: one per subscription, until its pinned certificate is replaced. */
class FetchersTest {

  @TempDir Path tmp;

  @Test
  void aSubscriptionKeepsItsFetcherUntilItsCertificateFileChanges() throws Exception {
    Path pem = tmp.resolve("server.crt.pem");
    Files.writeString(pem, TestIdentity.selfSigned().certificatePem());
    Subscription upstream = subscription("upstream", pem);
    Subscription other = subscription("other", pem);
    Function<Subscription, Fetcher> fetchers = Fetchers.kept();

    Fetcher first = fetchers.apply(upstream);
    assertSame(first, fetchers.apply(upstream), "kept between syncs");
    assertNotSame(first, fetchers.apply(other), "one per subscription");

    Files.writeString(pem, TestIdentity.selfSigned().certificatePem());
    Files.setLastModifiedTime(pem, FileTime.from(Instant.now().plusSeconds(60)));
    assertNotSame(first, fetchers.apply(upstream), "a replaced certificate is read again");
  }

  private static Subscription subscription(String name, Path pem) {
    return new Subscription(
        name,
        URI.create("https://127.0.0.1:8443/"),
        List.of(),
        Path.of("root.json"),
        pem,
        Channel.STABLE,
        List.of(),
        Bump.MINOR,
        Duration.ofHours(1),
        false,
        RolloutMode.PHASED,
        null,
        Duration.ofDays(3));
  }
}
