package dev.alize.publisher.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Counts the repository's requests and the bytes of file content actually sent. */
@Singleton
public final class RepositoryMetrics {

  static final String REQUESTS = "alize.publisher.requests";
  static final String BYTES = "alize.publisher.served";

  private final MeterRegistry registry;

  RepositoryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(RepositoryArea area, String method, int status) {
    Counter.builder(REQUESTS)
        .description("Requests for repository files")
        .tag("area", tag(area))
        .tag("method", method)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  /** {@code content}, counting its bytes as they are read out to the client. */
  InputStream counting(RepositoryArea area, InputStream content) {
    Counter bytes =
        Counter.builder(BYTES)
            .description("Bytes of repository files sent")
            .baseUnit("bytes")
            .tag("area", tag(area))
            .register(registry);
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

  private static String tag(RepositoryArea area) {
    return area.name().toLowerCase(Locale.ROOT);
  }
}
