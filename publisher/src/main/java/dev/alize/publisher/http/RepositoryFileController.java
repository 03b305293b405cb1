package dev.alize.publisher.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves {@code metadata/} and {@code targets/} of the repository folder as static files, with
 * strong ETags and cache headers; nothing else of the folder is reachable.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class RepositoryFileController {

  /**
   * Handed to Micronaut instead of the modification time, so that its own If-Modified-Since check
   * never answers 304 where If-None-Match has already decided otherwise (RFC 9110, 13.2.2).
   */
  private static final long NO_MODIFICATION_TIME = Long.MIN_VALUE;

  /**
   * Files up to this size, such as the metadata every consumer polls, are read whole (from memory,
   * see {@link SmallFileCache}) and sent as one body: a streamed body is read on the I/O executor
   * and handed back to the event loop, which cost such a request about a quarter of its CPU. Larger
   * files are streamed, never held whole.
   */
  private static final int WHOLE_BODY_MAX_BYTES = SmallFileCache.MAX_FILE_BYTES;

  private final RepositoryFiles files;
  private final RepositoryMetrics metrics;

  /** One per policy: each gives every response of the same second the same date. */
  private final Map<CachePolicy, HttpDates> expires = new EnumMap<>(CachePolicy.class);

  private final HttpDates lastModified = new HttpDates();

  RepositoryFileController(RepositoryFiles files, RepositoryMetrics metrics) {
    this.files = files;
    this.metrics = metrics;
    for (CachePolicy policy : CachePolicy.values()) {
      expires.put(policy, new HttpDates());
    }
  }

  /**
   * On the event loop: metadata files are small and read whole, in a few system calls on files the
   * page cache holds, as nginx does. Handing each request to the blocking executor and back cost
   * more than half of its CPU (thread wake-ups). A file over {@link #WHOLE_BODY_MAX_BYTES} is still
   * streamed from the I/O executor.
   */
  @Get("/metadata/{name}")
  @Head("/metadata/{name}")
  HttpResponse<?> metadata(HttpRequest<?> request, @PathVariable String name) {
    return serve(request, RepositoryArea.METADATA, name);
  }

  /** Archives can be large and are not all in the page cache: off the event loop. */
  @Get("/targets/{+path}")
  @Head("/targets/{+path}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<?> target(HttpRequest<?> request, @PathVariable String path) {
    return serve(request, RepositoryArea.TARGETS, path);
  }

  private HttpResponse<?> serve(HttpRequest<?> request, RepositoryArea area, String path) {
    MutableHttpResponse<?> response;
    try {
      response = respond(request, area, path);
    } catch (RuntimeException e) {
      metrics.request(area, request.getMethodName(), 500);
      throw e;
    }
    metrics.request(area, request.getMethodName(), response.code());
    return response;
  }

  private MutableHttpResponse<?> respond(HttpRequest<?> request, RepositoryArea area, String path) {
    Optional<RepositoryFile> found;
    try {
      found = files.open(area, path);
    } catch (InvalidRequestPathException e) {
      return HttpResponse.badRequest();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found.isEmpty()) {
      return HttpResponse.notFound();
    }
    RepositoryFile file = found.get();
    boolean handedOn = false;
    try {
      HttpHeaders headers = request.getHeaders();
      boolean notModified =
          ConditionalRequests.notModified(
              headers.getAll(HttpHeaders.IF_NONE_MATCH),
              headers.findDate(HttpHeaders.IF_MODIFIED_SINCE).map(ZonedDateTime::toInstant),
              file.etag(),
              file.lastModified());
      MutableHttpResponse<Object> response =
          notModified ? HttpResponse.notModified() : HttpResponse.ok();
      CachePolicy policy = file.cachePolicy();
      // The two dates as Micronaut's expires() and lastModified() write them, names included.
      response
          .header(HttpHeaders.ETAG, file.etag())
          .header(HttpHeaders.CACHE_CONTROL, policy.cacheControl())
          .getHeaders()
          .set(
              HttpHeaderNames.EXPIRES,
              expires.get(policy).format(Instant.now().plus(policy.maxAge()).toEpochMilli()))
          .set(
              HttpHeaderNames.LAST_MODIFIED,
              lastModified.format(file.lastModified().toEpochMilli()));
      if (notModified) {
        return response;
      }
      response
          .contentType(file.contentType())
          .contentLength(file.size())
          .header("X-Content-Type-Options", "nosniff");
      if (request.getMethod() != HttpMethod.GET) {
        return response;
      }
      InputStream content = metrics.counting(area, file.content());
      if (file.size() <= WHOLE_BODY_MAX_BYTES) {
        return response.body(readWhole(content, (int) file.size()));
      }
      response.body(
          new StreamedFile(
              content, MediaType.of(file.contentType()), NO_MODIFICATION_TIME, file.size()));
      handedOn = true;
      return response;
    } finally {
      if (!handedOn) {
        closeQuietly(file);
      }
    }
  }

  /** Exactly {@code size} bytes, the length the response already announces. */
  private static byte[] readWhole(InputStream content, int size) {
    try {
      byte[] bytes = content.readNBytes(size);
      if (bytes.length != size) {
        throw new IOException("the file ended after " + bytes.length + " of " + size + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(RepositoryFile file) {
    try {
      file.close();
    } catch (IOException e) {
      // Only read from: nothing to lose.
    }
  }
}
