package dev.alize.consumer.http;

import dev.alize.consumer.importer.ImportException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an import (a rollback) that was refused: 409, since nothing changed and the stored state
 * is what it clashed with. The message names the datasource and the release, never a file.
 */
@Singleton
final class ImportExceptionHandler implements ExceptionHandler<ImportException, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(ImportExceptionHandler.class);

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, ImportException e) {
    LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
    return ApiErrors.response(HttpStatus.CONFLICT, e.getMessage());
  }
}
