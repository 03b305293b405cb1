package dev.alize.consumer.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 500 for any failure no other handler explains: a bug of this instance. The client gets a
 * generic message; the log gets the exception with its trace.
 */
@Singleton
final class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, Exception e) {
    LOG.error("{} {} failed unexpectedly", request.getMethodName(), request.getPath(), e);
    return ApiErrors.response(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "the request failed unexpectedly; the consumer's log says why");
  }
}
