package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.bench.BenchDatasource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Two releases of a generated datasource ({@link BenchDatasource}) large enough for an import to
 * take seconds: the first of {@value #MODELS} models, and the next, which changes half of them,
 * removes one in sixty and adds as many; and child models an admin derives from the first, some of
 * models the next release changes or removes, so that its import raises conflicts.
 */
final class LargeReleases {

  static final int MODELS = 1500;
  static final String DATASOURCE = BenchDatasource.NAME;

  private static final BenchDatasource.Shape FIRST = BenchDatasource.Shape.first(MODELS);
  private static final BenchDatasource.Shape NEXT = FIRST.next(0.5);
  private static final int CHILDREN_OF_EACH_KIND = 4;

  private LargeReleases() {}

  /** Writes the first release's datasource in the new folder {@code dir}; returns it. */
  static Path first(Path dir) {
    try {
      BenchDatasource.write(dir, FIRST);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Writes the next release's datasource in the new folder {@code dir}; returns it. */
  static Path next(Path dir) {
    try {
      BenchDatasource.write(dir, NEXT);
      for (int i : indexes(LargeReleases::removed, MODELS)) {
        Path file = file(dir, i);
        String yaml = Files.readString(file);
        Files.delete(file);
        // A new model in its place, of the same content under another name.
        String name = BenchDatasource.modelName(i, MODELS);
        assertTrue(yaml.startsWith("name: " + name + "\n"), yaml);
        String added = name.replace("model-", "added-");
        Files.writeString(
            file.resolveSibling(added + ".yaml"),
            "name: " + added + yaml.substring(("name: " + name).length()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /**
   * Child models of the first release, each overriding its parent's {@link
   * BenchDatasource#CHANGED_VARIABLE}: some of models the next release changes (a warning), some of
   * models it removes (kept as withdrawn, a blocking conflict), some of models it leaves alone.
   */
  static List<ChildDraft> children() {
    List<ChildDraft> drafts = new ArrayList<>();
    drafts.addAll(children("changed", i -> !removed(i) && NEXT.lastChange(i) == 1));
    drafts.addAll(children("withdrawn", LargeReleases::removed));
    drafts.addAll(children("kept", i -> !removed(i) && NEXT.lastChange(i) == 0));
    return drafts;
  }

  private static List<ChildDraft> children(String kind, IntPredicate which) {
    return indexes(which, CHILDREN_OF_EACH_KIND).stream()
        .map(
            i ->
                new ChildDraft(
                    String.format(Locale.ROOT, "%s-%06d", kind, i),
                    new ModelRef(
                        DATASOURCE,
                        BenchDatasource.release(i, MODELS),
                        BenchDatasource.modelName(i, MODELS)),
                    Map.of(
                        BenchDatasource.variable(
                            i % BenchDatasource.SERVICES, BenchDatasource.CHANGED_VARIABLE),
                        Integer.toString(5000 + i)),
                    null,
                    null,
                    "A local variant of model " + i))
        .toList();
  }

  /** The next release removes one model in sixty (never a release's base model). */
  private static boolean removed(int i) {
    return i % 60 == 17;
  }

  /** The first {@code limit} indexes of models, bases excepted, that {@code which} accepts. */
  private static List<Integer> indexes(IntPredicate which, int limit) {
    return IntStream.range(0, MODELS)
        .filter(i -> !BenchDatasource.modelName(i, MODELS).equals("base") && which.test(i))
        .limit(limit)
        .boxed()
        .toList();
  }

  private static Path file(Path dir, int i) {
    return dir.resolve("servermodels")
        .resolve(BenchDatasource.release(i, MODELS))
        .resolve(BenchDatasource.modelName(i, MODELS) + ".yaml");
  }
}
