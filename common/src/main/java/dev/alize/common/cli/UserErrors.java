package dev.alize.common.cli;

import dev.alize.common.config.ConfigurationFileException;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.error.Problem;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command tells its user of an error they can act on, on standard error, before it exits 1,
 * without a stack trace: {@code error: MESSAGE}, {@code configuration error: MESSAGE}, or each
 * problem of an invalid datasource then their count. Any other exception is a bug, and keeps its
 * stack trace.
 */
public final class UserErrors {

  /** The exit code of a command stopped by a user's error. */
  public static final int EXIT_CODE = 1;

  /**
   * The exit code of a command line that is not one: an unknown command or option, a missing or
   * malformed argument. Nothing was done.
   */
  public static final int USAGE_EXIT_CODE = 2;

  /** How a usage error's line starts, before what is wrong. */
  public static final String USAGE_PREFIX = "usage error: ";

  private final List<Class<? extends Exception>> errors;
  private final List<Class<? extends Exception>> configurationErrors;

  /**
   * @param errors the application's exceptions told as {@code error: MESSAGE}
   * @param configurationErrors its exceptions told as {@code configuration error:} and their
   *     message's first line (a framework may explain a value it cannot bind over several lines;
   *     the first says which); an unreadable configuration file is one too
   */
  public UserErrors(
      List<Class<? extends Exception>> errors,
      List<Class<? extends Exception>> configurationErrors) {
    this.errors = List.copyOf(errors);
    this.configurationErrors = List.copyOf(configurationErrors);
  }

  /** The lines that tell {@code e}, or none when it is a bug. */
  public List<String> lines(Exception e) {
    if (e instanceof InvalidDatasourceException invalid) {
      List<String> lines = new ArrayList<>();
      invalid.problems().stream().map(Problem::toString).forEach(lines::add);
      lines.add(
          invalid.problems().size()
              + " problem(s); the datasource is not valid, nothing was changed");
      return lines;
    }
    if (e instanceof ConfigurationFileException || isOneOf(configurationErrors, e)) {
      return List.of("configuration error: " + firstLine(e));
    }
    if (isOneOf(errors, e)) {
      return List.of("error: " + e.getMessage());
    }
    if (e instanceof UncheckedIOException io) {
      return List.of("error: " + io.getMessage() + ": " + io.getCause().getMessage());
    }
    return List.of();
  }

  /**
   * Tells {@code e} on {@code err}.
   *
   * @return {@link #EXIT_CODE}
   * @throws Exception {@code e} itself when it is a bug
   */
  public int report(Exception e, PrintWriter err) throws Exception {
    List<String> lines = lines(e);
    if (lines.isEmpty()) {
      throw e;
    }
    lines.forEach(err::println);
    err.flush();
    return EXIT_CODE;
  }

  private static boolean isOneOf(List<Class<? extends Exception>> types, Exception e) {
    return types.stream().anyMatch(type -> type.isInstance(e));
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage();
    return message == null
        ? e.getClass().getSimpleName()
        : message.strip().lines().findFirst().orElse("");
  }
}
