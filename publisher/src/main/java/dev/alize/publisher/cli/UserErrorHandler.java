package dev.alize.publisher.cli;

import dev.alize.common.crypto.KeyException;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.error.Problem;
import dev.alize.publisher.repository.PublishException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the errors a user can act on into a message on standard error and exit code 1, without a
 * stack trace; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    PrintWriter err = cli.getErr();
    if (e instanceof InvalidDatasourceException invalid) {
      invalid.problems().stream().map(Problem::toString).forEach(err::println);
      err.printf(
          "%d problem(s); the datasource is not valid, nothing was changed%n",
          invalid.problems().size());
    } else if (e instanceof PublishException || e instanceof KeyException) {
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
