package dev.alize.publisher.cli;

import dev.alize.common.cli.UserErrors;
import dev.alize.common.crypto.KeyException;
import dev.alize.common.tls.TlsException;
import dev.alize.publisher.persistence.DatabaseException;
import dev.alize.publisher.repository.PublishException;
import io.micronaut.context.exceptions.BeanContextException;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The publisher's errors that a user can act on, told as {@link UserErrors} tells them. */
final class UserErrorHandler implements IExecutionExceptionHandler {

  /**
   * Made at the first error, not before: the Micronaut classes it names must not load in the
   * commands that never start Micronaut, which start the faster for it.
   */
  private static final class Errors {
    static final UserErrors ERRORS =
        new UserErrors(
            List.of(
                PublishException.class,
                KeyException.class,
                TlsException.class,
                DatabaseException.class),
            List.of(ConfigurationException.class, BeanContextException.class));
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    return Errors.ERRORS.report(e, cli.getErr());
  }
}
