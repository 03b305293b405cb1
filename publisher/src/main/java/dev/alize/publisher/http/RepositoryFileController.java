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

/**
 * Serves {@code metadata/} and {@code targets/} of the repository folder as static files, with
 * strong ETags and cache headers; nothing else of the folder is reachable. The plainest polls of
 * metadata are answered before they reach it, the same way, by {@link MetadataPollHandler}.
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

  private final FileAnswers answers;
  private final RepositoryMetrics metrics;

  RepositoryFileController(FileAnswers answers, RepositoryMetrics metrics) {
    this.answers = answers;
    this.metrics = metrics;
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
    HttpHeaders headers = request.getHeaders();
    FileAnswer answer;
    try {
      answer =
          answers.answer(
              area,
              path,
              request.getMethod() == HttpMethod.GET,
              headers.getAll(HttpHeaders.IF_NONE_MATCH),
              headers.get(HttpHeaders.IF_MODIFIED_SINCE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!answer.describesFile()) {
      return answer.status() == 400 ? HttpResponse.badRequest() : HttpResponse.notFound();
    }
    MutableHttpResponse<Object> response =
        answer.status() == 304 ? HttpResponse.notModified() : HttpResponse.ok();
    // The two dates as Micronaut's expires() and lastModified() write them, names included.
    response
        .header(HttpHeaders.ETAG, answer.etag())
        .header(HttpHeaders.CACHE_CONTROL, answer.cacheControl())
        .getHeaders()
        .set(HttpHeaderNames.EXPIRES, answer.expires())
        .set(HttpHeaderNames.LAST_MODIFIED, answer.lastModified());
    if (answer.status() == 304) {
      return response;
    }
    response
        .contentType(answer.contentType())
        .contentLength(answer.contentLength())
        .header(FileAnswer.NO_SNIFF_NAME, FileAnswer.NO_SNIFF);
    RepositoryFile file = answer.body();
    if (file == null) {
      return response;
    }
    boolean handedOn = false;
    try {
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
        FileAnswers.closeQuietly(file);
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
}
