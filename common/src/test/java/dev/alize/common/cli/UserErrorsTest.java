package dev.alize.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alize.common.config.ConfigurationFiles;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.error.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command's user reads for each error they can act on, and that a bug stays a bug. */
class UserErrorsTest {

  /** An error of the application's, told as such. */
  static final class AppException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AppException(String message) {
      super(message);
    }
  }

  /** A configuration error of the application's. */
  static final class AppConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AppConfigurationException(String message) {
      super(message);
    }
  }

  private static final UserErrors ERRORS =
      new UserErrors(List.of(AppException.class), List.of(AppConfigurationException.class));

  @TempDir Path temp;

  @Test
  void anApplicationError_isOneLine() {
    assertEquals(List.of("error: no such child"), ERRORS.lines(new AppException("no such child")));
  }

  @Test
  void aConfigurationError_isItsFirstLine() {
    assertEquals(
        List.of("configuration error: alize.x: wrong"),
        ERRORS.lines(new AppConfigurationException("  alize.x: wrong\n  at some.Place\n")));
    assertEquals(
        List.of("configuration error: AppConfigurationException"),
        ERRORS.lines(new AppConfigurationException(null)));
  }

  @Test
  void anUnreadableConfigurationFile_isAConfigurationError() {
    Path absent = temp.resolve("nope.yml");
    Exception e = assertThrows(RuntimeException.class, () -> ConfigurationFiles.read(absent));
    assertEquals(
        List.of("configuration error: " + absent + ": no such configuration file"),
        ERRORS.lines(e));
  }

  @Test
  void anInvalidDatasource_isEachProblemThenTheirCount() {
    InvalidDatasourceException e =
        new InvalidDatasourceException(
            List.of(new Problem("a.yaml", 3, 5, "bad"), new Problem("b.yaml", 1, 1, "worse")));
    assertEquals(
        List.of(
            "a.yaml:3:5: bad",
            "b.yaml:1:1: worse",
            "2 problem(s); the datasource is not valid, nothing was changed"),
        ERRORS.lines(e));
  }

  @Test
  void anInputOutputError_saysWhatAndWhy() {
    assertEquals(
        List.of("error: cannot write x: disk full"),
        ERRORS.lines(new UncheckedIOException("cannot write x", new IOException("disk full"))));
  }

  @Test
  void report_printsTheLines_andGivesExitCode1() throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(1, ERRORS.report(new AppException("no"), new PrintWriter(err)));
    assertEquals("error: no" + System.lineSeparator(), err.toString());
  }

  @Test
  void report_rethrowsABug_asItIs() {
    IllegalStateException bug = new IllegalStateException("bug");
    StringWriter err = new StringWriter();
    assertSame(
        bug,
        assertThrows(IllegalStateException.class, () -> ERRORS.report(bug, new PrintWriter(err))));
    assertEquals("", err.toString());
    assertEquals(List.of(), ERRORS.lines(new RuntimeException("unexpected")));
  }
}
