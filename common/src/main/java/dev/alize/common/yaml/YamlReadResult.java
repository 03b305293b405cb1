package dev.alize.common.yaml;

import dev.alize.common.error.Problem;
import java.util.List;
import java.util.Optional;

/** The tree read from one document, absent when the document could not be read at all. */
public record YamlReadResult(Optional<YamlNode> root, List<Problem> problems) {
  public YamlReadResult {
    problems = List.copyOf(problems);
  }
}
