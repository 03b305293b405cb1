package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.consumer.app.ConsumerApplication;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import io.micronaut.validation.validator.Validator;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The admin API's request bodies, as the API reads them: the application's strict JSON mapper, then
 * the bodies' constraints, then the command each makes. The only outcomes are a command, or a
 * refusal the API answers 400 (a body that is not JSON or not of the body's shape, a constraint
 * broken, a request that changes nothing); never another exception.
 */
class AdminBodiesFuzzTest {

  /** The mapper and validator of the application, configured by its beans and properties. */
  private static final ApplicationContext BEANS = ConsumerApplication.startConfiguration(null);

  private static final ObjectMapper JSON = BEANS.getBean(ObjectMapper.class);
  private static final Validator VALIDATOR = BEANS.getBean(Validator.class);

  /** Reads {@code body} as a {@code type}, checks it, and makes its command, or refuses it. */
  private static <T> void read(byte[] body, Class<T> type, Function<T, Object> command) {
    T parsed;
    try {
      parsed = JSON.readValue(body, type);
    } catch (JacksonException | CharConversionException e) {
      // CharConversionException: bytes in no encoding JSON allows (00 00 3C 00), which Jackson
      // refuses before it parses; the API answers it 400 as it answers malformed JSON.
      return;
    } catch (IOException e) {
      throw new AssertionError("reading bytes in memory failed", e);
    }
    if (parsed == null || !VALIDATOR.validate(parsed).isEmpty()) {
      return;
    }
    try {
      assertNotNull(command.apply(parsed));
    } catch (ApiException e) {
      assertEquals(HttpStatus.BAD_REQUEST, e.status());
    }
  }

  @FuzzTest(maxDuration = "2m")
  void approval(FuzzedDataProvider data) {
    read(data.consumeRemainingAsBytes(), ApprovalBody.class, ApprovalBody::semanticVersion);
  }

  @FuzzTest(maxDuration = "2m")
  void newChild(FuzzedDataProvider data) {
    read(data.consumeRemainingAsBytes(), NewChildBody.class, NewChildBody::draft);
  }

  @FuzzTest(maxDuration = "2m")
  void replacedChild(FuzzedDataProvider data) {
    String pathName = data.consumeString(20);
    read(data.consumeRemainingAsBytes(), ChildBody.class, b -> b.draft(pathName));
  }

  @FuzzTest(maxDuration = "2m")
  void changedChild(FuzzedDataProvider data) {
    read(data.consumeRemainingAsBytes(), ChildChangeBody.class, ChildChangeBody::change);
  }

  @FuzzTest(maxDuration = "2m")
  void comment(FuzzedDataProvider data) {
    read(data.consumeRemainingAsBytes(), CommentBody.class, b -> Optional.ofNullable(b.comment()));
  }

  /** A rollback has no body: what it is given is the datasource's name in its path. */
  @FuzzTest(maxDuration = "2m")
  void rollbackPath(FuzzedDataProvider data) {
    try {
      assertNotNull(ApiParameters.datasource("name", data.consumeRemainingAsString()));
    } catch (ApiException e) {
      assertEquals(HttpStatus.BAD_REQUEST, e.status());
    }
  }
}
