package dev.alize.common.datasource;

import dev.alize.common.error.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What loading a datasource gave: the datasource when it is valid, and every problem found, sorted
 * by file and line.
 */
public record LoadResult(Optional<Datasource> datasource, List<Problem> problems) {
  public LoadResult {
    problems = List.copyOf(problems);
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  /** The datasource, or an exception that carries every problem. */
  public Datasource orThrow() {
    return datasource.orElseThrow(() -> new InvalidDatasourceException(problems));
  }
}
