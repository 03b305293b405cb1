package dev.alize.consumer.admin;

import java.util.List;

/**
 * An admin's request that cannot be done: what was asked for does not exist, is not valid, or
 * clashes with what is stored. The message says which, and each problem names the field at fault.
 */
public final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    NOT_FOUND,
    INVALID,
    CLASH
  }

  private final Reason reason;
  private final String headline;
  private final List<String> problems;

  public AdminException(Reason reason, String message, List<String> problems) {
    super(problems.isEmpty() ? message : message + ": " + String.join("; ", problems));
    this.reason = reason;
    this.headline = message;
    this.problems = List.copyOf(problems);
  }

  public AdminException(Reason reason, String message) {
    this(reason, message, List.of());
  }

  public Reason reason() {
    return reason;
  }

  /** The message without the problems it ends with, for those who list them apart. */
  public String headline() {
    return headline;
  }

  public List<String> problems() {
    return problems;
  }
}
