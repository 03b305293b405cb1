package dev.alize.publisher.api;

import dev.alize.common.text.Printable;
import dev.alize.publisher.persistence.DatabaseException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 503 when the fleet database fails: the reason (which names the database) goes to the log,
 * not to whoever sent the request; a site's outbox sends its report again later.
 */
@Singleton
final class DatabaseExceptionHandler
    implements ExceptionHandler<DatabaseException, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseExceptionHandler.class);

  /** Seconds a client waits before it tries again. */
  private static final String RETRY_AFTER = "60";

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, DatabaseException e) {
    LOG.error(
        "{} {}: {}", request.getMethod(), Printable.escape(request.getPath()), e.getMessage());
    return ApiErrors.response(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the publisher's database is unavailable: try again later")
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
  }
}
