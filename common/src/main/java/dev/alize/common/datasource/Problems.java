package dev.alize.common.datasource;

import dev.alize.common.error.Problem;
import dev.alize.common.yaml.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Collects the problems of one load, naming files as the user gave them: the first {@link #MAX} of
 * them, and how many more there were, so that a small hostile upload cannot be answered with
 * megabytes.
 */
final class Problems {

  static final int MAX = 1_000;

  private final List<Problem> list = new ArrayList<>();
  private int dropped;
  private final UnaryOperator<String> shown;

  /**
   * @param shown turns a path relative to the datasource into the path to print
   */
  Problems(UnaryOperator<String> shown) {
    this.shown = shown;
  }

  void add(String file, Position position, String message) {
    keep(new Problem(shown.apply(file), position.line(), position.column(), message));
  }

  void addWholeFile(String file, String message) {
    keep(Problem.wholeFile(shown.apply(file), message));
  }

  void addAll(List<Problem> problems) {
    problems.forEach(this::keep);
  }

  private void keep(Problem problem) {
    if (list.size() < MAX) {
      list.add(problem);
    } else {
      dropped++;
    }
  }

  String shown(String file) {
    return shown.apply(file);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size() + dropped;
  }

  /** The problems kept, in order, then one that counts those left out, if any. */
  List<Problem> sorted() {
    List<Problem> sorted = new ArrayList<>(list.stream().sorted().distinct().toList());
    if (dropped > 0) {
      sorted.add(
          Problem.wholeFile(
              shown.apply(""), dropped + " more problems not listed: fix these first"));
    }
    return sorted;
  }
}
