package dev.alize.common.datasource;

import dev.alize.common.error.Problem;
import dev.alize.common.yaml.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Collects the problems of one load, naming files as the user gave them. */
final class Problems {
  private final List<Problem> list = new ArrayList<>();
  private final UnaryOperator<String> shown;

  /**
   * @param shown turns a path relative to the datasource into the path to print
   */
  Problems(UnaryOperator<String> shown) {
    this.shown = shown;
  }

  void add(String file, Position position, String message) {
    list.add(new Problem(shown.apply(file), position.line(), position.column(), message));
  }

  void addWholeFile(String file, String message) {
    list.add(Problem.wholeFile(shown.apply(file), message));
  }

  void addAll(List<Problem> problems) {
    list.addAll(problems);
  }

  String shown(String file) {
    return shown.apply(file);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size();
  }

  List<Problem> sorted() {
    return list.stream().sorted().distinct().toList();
  }
}
