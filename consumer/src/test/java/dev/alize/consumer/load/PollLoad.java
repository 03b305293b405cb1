package dev.alize.consumer.load;

import dev.alize.consumer.fetch.PinnedTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * What a crowd of polling consumers is asked to do: each, on a connection of its own, asks for
 * {@code timestamp.json} with the entity tag it holds (answered 304), as a consumer's unchanged
 * poll does (its daily question for the next root aside), then waits for its next poll.
 *
 * @param base the publisher's URL, such as {@code https://127.0.0.1:8443/}
 * @param certificate the publisher's certificate, the only one trusted, as consumers pin it
 * @param pollers how many consumers poll at once
 * @param length how long they poll; a poll under way at the end is finished
 * @param warmup the first part of {@code length}, whose polls are checked but whose latencies are
 *     not counted: every consumer connects then, and the publisher's JIT compiles
 * @param interval from the end of a consumer's poll to its next; each first poll starts at a random
 *     point of the first interval, as the schedule's jitter spreads real consumers
 * @param etag the timestamp's entity tag: half the consumers send it as {@code If-None-Match}, as
 *     Alizé's consumer does
 * @param lastModified the timestamp's {@code Last-Modified}: the other half send it as {@code
 *     If-Modified-Since}, as clients that keep only dates do
 */
public record PollLoad(
    URI base,
    Path certificate,
    int pollers,
    Duration length,
    Duration warmup,
    Duration interval,
    String etag,
    String lastModified) {

  /**
   * A load against the repository as it is now: what a consumer that has just synced holds, read
   * from the publisher once.
   */
  public static PollLoad against(
      URI base, Path certificate, int pollers, Duration length, Duration warmup, Duration interval)
      throws IOException, InterruptedException, GeneralSecurityException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(PinnedTrust.of(certificate))
            .build();
    HttpResponse<Void> timestamp = get(client, base.resolve("/metadata/timestamp.json"));
    if (timestamp.statusCode() != 200) {
      throw new IOException("timestamp.json answered " + timestamp.statusCode());
    }
    return new PollLoad(
        base,
        certificate,
        pollers,
        length,
        warmup,
        interval,
        timestamp.headers().firstValue("ETag").orElseThrow(),
        timestamp.headers().firstValue("Last-Modified").orElseThrow());
  }

  private static HttpResponse<Void> get(HttpClient client, URI url)
      throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
  }
}
