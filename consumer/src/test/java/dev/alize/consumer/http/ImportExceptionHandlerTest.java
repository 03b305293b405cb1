package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.importer.ImportException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportExceptionHandlerTest {

  @Test
  void aRefusedRollback_is409WithItsMessage() {
    HttpResponse<?> response =
        new ImportExceptionHandler()
            .handle(
                HttpRequest.POST("/api/v1/datasources/eole/rollback", ""),
                new ImportException(
                    "eole is now at 3.0.0, not 2.0.0: another import ran meanwhile; run rollback"
                        + " again if it is still wanted"));
    assertEquals(409, response.code());
    Map<?, ?> body = (Map<?, ?>) response.body();
    assertEquals(
        "eole is now at 3.0.0, not 2.0.0: another import ran meanwhile; run rollback again if it"
            + " is still wanted",
        body.get("error"));
  }
}
