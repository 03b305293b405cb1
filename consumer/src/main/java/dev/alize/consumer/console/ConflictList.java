package dev.alize.consumer.console;

import dev.alize.common.conflict.Severity;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredConflict;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the list of conflicts shows: those the filter keeps, worst first, and the choices of the
 * filter's form.
 *
 * @param conflicts the conflicts the filter keeps; none when the filter is not valid
 * @param open how many of them are open, and so can be acknowledged from the list
 * @param datasources the datasources to filter by: those imported and those of a conflict
 * @param children the child models to filter by: those stored and those of a conflict
 */
public record ConflictList(
    ConflictFilter filter,
    List<StoredConflict> conflicts,
    long open,
    List<String> severities,
    List<String> statuses,
    List<String> datasources,
    List<String> children) {

  /**
   * @param byStatus the conflicts with the filter's status, worst first
   */
  static ConflictList of(
      ConflictFilter filter,
      List<StoredConflict> byStatus,
      List<String> datasources,
      List<String> children) {
    List<StoredConflict> kept =
        filter.isValid() ? byStatus.stream().filter(filter::matches).toList() : List.of();
    return new ConflictList(
        filter,
        kept,
        kept.stream().filter(c -> c.status().equals("open")).count(),
        Arrays.stream(Severity.values()).map(Severity::wireName).toList(),
        Arrays.stream(ConflictStore.Status.values()).map(ConflictStore.Status::wireName).toList(),
        sorted(datasources.stream(), byStatus.stream().map(StoredConflict::datasource)),
        sorted(children.stream(), byStatus.stream().map(StoredConflict::child)));
  }

  private static List<String> sorted(Stream<String> some, Stream<String> more) {
    return List.copyOf(new TreeSet<>(Stream.concat(some, more).toList()));
  }
}
