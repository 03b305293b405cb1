package dev.alize.common.datasource;

import dev.alize.common.error.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A datasource that does not validate; carries every problem with its file and line. */
public final class InvalidDatasourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidDatasourceException(List<Problem> problems) {
    super(
        problems.size()
            + " problem(s) in the datasource:\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
