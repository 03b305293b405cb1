package dev.alize.consumer.console;

import java.util.List;

/**
 * The conflict page's form as an admin filled it, with what was refused: empty on a fresh page.
 *
 * @param error what the refusal says as a whole, or null when nothing was refused
 * @param problems every problem, each naming its field as the API does
 * @param valueProblems those of the value, shown beside its field
 * @param commentProblems those of the comment, shown beside its field
 */
public record ConflictForm(
    String value,
    String comment,
    String error,
    List<String> problems,
    List<String> valueProblems,
    List<String> commentProblems) {

  static final ConflictForm EMPTY = new ConflictForm("", "", null, List.of(), List.of(), List.of());

  /** The form refused with {@code problems}; those starting with a field's name go beside it. */
  static ConflictForm refused(
      String value,
      String comment,
      String error,
      List<String> problems,
      String valueField,
      String commentField) {
    return new ConflictForm(
        value == null ? "" : value,
        comment == null ? "" : comment,
        error,
        List.copyOf(problems),
        problems.stream().filter(p -> p.startsWith(valueField + ":")).toList(),
        problems.stream().filter(p -> p.startsWith(commentField + ":")).toList());
  }
}
