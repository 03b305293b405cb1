package dev.alize.publisher.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts the repository's requests and the bytes of file content actually sent. */
@Singleton
public final class RepositoryMetrics {

  static final String REQUESTS = "alize.publisher.requests";
  static final String BYTES = "alize.publisher.served";

  private record RequestKey(RepositoryArea area, String method, int status) {}

  private final MeterRegistry registry;

  /**
   * Each counter registered once, on its first use, then reused: building and registering one per
   * request (tags, meter id, registry lookup) cost about 5% of a small file's request.
   */
  private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();

  private final Map<RepositoryArea, Counter> bytes = new ConcurrentHashMap<>();

  RepositoryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(RepositoryArea area, String method, int status) {
    requests
        .computeIfAbsent(
            new RequestKey(area, method, status),
            key ->
                Counter.builder(REQUESTS)
                    .description("Requests for repository files")
                    .tag("area", tag(key.area()))
                    .tag("method", key.method())
                    .tag("status", Integer.toString(key.status()))
                    .register(registry))
        .increment();
  }

  /** Counts {@code count} bytes of file content sent whole. */
  void sent(RepositoryArea area, long count) {
    bytesCounter(area).increment(count);
  }

  /** {@code content}, counting its bytes as they are read out to the client. */
  InputStream counting(RepositoryArea area, InputStream content) {
    Counter bytes = bytesCounter(area);
    return new FilterInputStream(content) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytes.increment();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          bytes.increment(n);
        }
        return n;
      }
    };
  }

  private Counter bytesCounter(RepositoryArea area) {
    return bytes.computeIfAbsent(
        area,
        a ->
            Counter.builder(BYTES)
                .description("Bytes of repository files sent")
                .baseUnit("bytes")
                .tag("area", tag(a))
                .register(registry));
  }

  private static String tag(RepositoryArea area) {
    return area.name().toLowerCase(Locale.ROOT);
  }
}
