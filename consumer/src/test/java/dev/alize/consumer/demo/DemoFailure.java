package dev.alize.consumer.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * A step of the demo that did not do what it says: what was expected, what came instead, and the
 * log files to read. Printed as plain lines, never as a stack trace.
 */
final class DemoFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String got;
  private final List<Path> logs;

  DemoFailure(String what, String expected, String got, List<Path> logs) {
    super(what, null, false, false);
    this.expected = expected;
    this.got = got;
    this.logs = List.copyOf(logs);
  }

  /** A failure with nothing more to show than its message, such as a missing file. */
  DemoFailure(String what) {
    this(what, null, null, List.of());
  }

  /** What was expected, or null. */
  String expected() {
    return expected;
  }

  /** What came instead, or null. */
  String got() {
    return got;
  }

  /** The log files of the processes involved. */
  List<Path> logs() {
    return logs;
  }
}
