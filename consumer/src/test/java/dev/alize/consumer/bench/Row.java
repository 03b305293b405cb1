package dev.alize.consumer.bench;

/**
 * One line of the benchmark's table: what was measured, our figure, the baseline measured in the
 * same run, their ratio and the goal it is held against.
 *
 * @param id a short stable key, for the JSON output
 * @param measure what was measured
 * @param ours our figure
 * @param baseline the baseline's figure, or null where the goal is absolute
 * @param ratio ours divided by the baseline, or null
 * @param goal the goal, in words
 * @param verdict whether the goal held
 * @param note what the figures include, or why the row was not measured
 */
record Row(
    String id,
    String measure,
    Figure ours,
    Figure baseline,
    Double ratio,
    String goal,
    Verdict verdict,
    String note) {

  enum Verdict {
    MET,
    MISSED,
    /** Informational: no goal is held against this row. */
    INFO,
    /** Not measured on this machine; the note says why and what to install. */
    NOT_RUN
  }

  /**
   * Ours against a baseline, where a lower figure is better; the goal holds at most {@code max}.
   */
  static Row atMost(
      String id, String measure, Figure ours, Figure baseline, double max, String note) {
    double ratio = ours.median() / baseline.median();
    return new Row(
        id,
        measure,
        ours,
        baseline,
        ratio,
        "≤ " + Figure.format(max) + "×",
        ratio <= max ? Verdict.MET : Verdict.MISSED,
        note);
  }

  /**
   * Ours against a baseline, where a higher figure is better; the goal holds at least {@code min}.
   */
  static Row atLeast(
      String id, String measure, Figure ours, Figure baseline, double min, String note) {
    double ratio = ours.median() / baseline.median();
    return new Row(
        id,
        measure,
        ours,
        baseline,
        ratio,
        "≥ " + Figure.format(min) + "×",
        ratio >= min ? Verdict.MET : Verdict.MISSED,
        note);
  }

  /** An absolute goal: {@code met} says whether it held. */
  static Row absolute(
      String id, String measure, Figure ours, String goal, boolean met, String note) {
    return new Row(id, measure, ours, null, null, goal, met ? Verdict.MET : Verdict.MISSED, note);
  }

  /** A figure shown for what it tells, held against no goal. */
  static Row info(String id, String measure, Figure ours, Figure baseline, String note) {
    Double ratio = baseline == null ? null : ours.median() / baseline.median();
    return new Row(id, measure, ours, baseline, ratio, "—", Verdict.INFO, note);
  }

  /** A row this machine cannot measure. */
  static Row notRun(String id, String measure, String goal, String why) {
    return new Row(id, measure, null, null, null, goal, Verdict.NOT_RUN, why);
  }
}
