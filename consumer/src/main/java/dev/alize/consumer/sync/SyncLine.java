package dev.alize.consumer.sync;

/**
 * One line of a sync's answer, for one datasource (or for the repository when it failed as a
 * whole).
 *
 * @param subject {@code REPOSITORY/DATASOURCE}, or {@code REPOSITORY}
 */
public record SyncLine(String subject, Outcome outcome, String text) {

  /** The kinds of answer, worst last. */
  public enum Outcome {
    UP_TO_DATE,
    UPDATED,
    HELD,
    WAITING,
    NOTHING_AVAILABLE,
    FAILED
  }

  @Override
  public String toString() {
    return subject + ": " + text;
  }
}
