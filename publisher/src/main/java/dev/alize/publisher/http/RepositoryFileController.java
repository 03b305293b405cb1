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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Serves {@code metadata/} and {@code targets/} of the repository folder as static files, with
 * strong ETags and cache headers; nothing else of the folder is reachable.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
final class RepositoryFileController {

  /**
   * Handed to Micronaut instead of the modification time, so that its own If-Modified-Since check
   * never answers 304 where If-None-Match has already decided otherwise (RFC 9110, 13.2.2).
   */
  private static final long NO_MODIFICATION_TIME = Long.MIN_VALUE;

  private final RepositoryFiles files;
  private final RepositoryMetrics metrics;

  RepositoryFileController(RepositoryFiles files, RepositoryMetrics metrics) {
    this.files = files;
    this.metrics = metrics;
  }

  @Get("/metadata/{name}")
  @Head("/metadata/{name}")
  HttpResponse<?> metadata(HttpRequest<?> request, @PathVariable String name) {
    return serve(request, RepositoryArea.METADATA, name);
  }

  @Get("/targets/{+path}")
  @Head("/targets/{+path}")
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
      response
          .header(HttpHeaders.ETAG, file.etag())
          .header(HttpHeaders.CACHE_CONTROL, policy.cacheControl())
          .getHeaders()
          .expires(Instant.now().plus(policy.maxAge()).toEpochMilli())
          .lastModified(file.lastModified().toEpochMilli());
      if (notModified) {
        return response;
      }
      response
          .contentType(file.contentType())
          .contentLength(file.size())
          .header("X-Content-Type-Options", "nosniff");
      if (request.getMethod() == HttpMethod.GET) {
        response.body(
            new StreamedFile(
                metrics.counting(area, file.content()),
                MediaType.of(file.contentType()),
                NO_MODIFICATION_TIME,
                file.size()));
        handedOn = true;
      }
      return response;
    } finally {
      if (!handedOn) {
        closeQuietly(file);
      }
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
