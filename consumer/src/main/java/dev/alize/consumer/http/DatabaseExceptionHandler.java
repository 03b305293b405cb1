package dev.alize.consumer.http;

import dev.alize.consumer.persistence.DatabaseException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 503 when the database cannot be reached or refused a statement: the request may succeed
 * later. What the database said goes to the log only, since it can name tables and settings.
 */
@Singleton
final class DatabaseExceptionHandler
    implements ExceptionHandler<DatabaseException, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseExceptionHandler.class);

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, DatabaseException e) {
    LOG.error("{} {}: {}", request.getMethodName(), request.getPath(), e.getMessage());
    return ApiErrors.response(
        HttpStatus.SERVICE_UNAVAILABLE,
        "the database is unavailable or refused the request; try again later, and see the"
            + " consumer's log");
  }
}
