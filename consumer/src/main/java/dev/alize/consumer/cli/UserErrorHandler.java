package dev.alize.consumer.cli;

import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.importer.ImportException;
import dev.alize.consumer.persistence.DatabaseException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Errors a user can act on: one line on standard error, exit 1, no stack trace. */
final class UserErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    PrintWriter err = cli.getErr();
    if (e instanceof ConfigurationException) {
      err.println("configuration error: " + e.getMessage());
    } else if (e instanceof io.micronaut.context.exceptions.BeanContextException) {
      // Micronaut explains a value it cannot bind over several lines; the first says which.
      err.println("configuration error: " + e.getMessage().strip().lines().findFirst().orElse(""));
    } else if (e instanceof AdminException
        || e instanceof DatabaseException
        || e instanceof ImportException) {
      err.println("error: " + e.getMessage());
    } else if (e instanceof UncheckedIOException io) {
      err.println("error: " + io.getMessage() + ": " + io.getCause().getMessage());
    } else {
      throw e;
    }
    err.flush();
    return 1;
  }
}
