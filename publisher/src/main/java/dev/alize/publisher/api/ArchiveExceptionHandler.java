package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.archive.ArchiveException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a refused upload 400, naming the entry at fault when there is one. */
@Singleton
final class ArchiveExceptionHandler implements ExceptionHandler<ArchiveException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, ArchiveException e) {
    ObjectNode body = ApiErrors.body("the upload is not an acceptable tar.gz: " + e.getMessage());
    if (e.entry() != null) {
      body.put("entry", e.entry());
    }
    return ApiErrors.response(HttpStatus.BAD_REQUEST, body);
  }
}
