package dev.alize.consumer.cli;

import dev.alize.common.cli.UserErrors;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.importer.ImportException;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.report.EnrolmentException;
import io.micronaut.context.exceptions.BeanContextException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The consumer's errors that a user can act on, told as {@link UserErrors} tells them. */
final class UserErrorHandler implements IExecutionExceptionHandler {

  private static final UserErrors ERRORS =
      new UserErrors(
          List.of(
              AdminException.class,
              DatabaseException.class,
              ImportException.class,
              EnrolmentException.class),
          List.of(ConfigurationException.class, BeanContextException.class));

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    return ERRORS.report(e, cli.getErr());
  }
}
