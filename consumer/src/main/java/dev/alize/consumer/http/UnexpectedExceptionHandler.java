package dev.alize.consumer.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.io.EOFException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 500 for any failure no other handler explains: a bug of this instance. The client gets a
 * generic message; the log gets the exception with its trace. A body that ended before its length
 * (a client gone, or one cut off for its silence) is no bug: one line, so that a client repeating
 * it cannot fill the log with traces.
 */
@Singleton
final class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, Exception e) {
    if (endedEarly(e)) {
      LOG.warn(
          "{} {}: the request's body ended before its length: {}",
          request.getMethodName(),
          request.getPath(),
          e.getMessage());
      return ApiErrors.response(
          HttpStatus.BAD_REQUEST, "the request's body ended before its Content-Length");
    }
    LOG.error("{} {} failed unexpectedly", request.getMethodName(), request.getPath(), e);
    return ApiErrors.response(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "the request failed unexpectedly; the consumer's log says why");
  }

  private static boolean endedEarly(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
    }
    return false;
  }
}
