package dev.alize.consumer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.LoadResult;
import dev.alize.common.diff.ChangeKind;
import dev.alize.common.diff.DatasourceDiffer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's generated datasources are valid, of the asked size, and each version changes the
 * asked share of models: otherwise its figures would measure something else.
 */
class BenchDatasourceTest {

  @TempDir Path tmp;

  @Test
  void eachVersionIsValidAndChangesTheAskedShareOfModels() throws IOException {
    BenchDatasource.Shape first = BenchDatasource.Shape.first(400);
    BenchDatasource.Shape full = first.next(1.0);
    BenchDatasource.Shape onePercent = full.next(0.01);
    BenchDatasource.write(tmp.resolve("v1"), first);
    BenchDatasource.write(tmp.resolve("v2"), full);
    BenchDatasource.write(tmp.resolve("v3"), onePercent);

    Datasource v1 = load(tmp.resolve("v1"));
    Datasource v2 = load(tmp.resolve("v2"));
    Datasource v3 = load(tmp.resolve("v3"));

    assertEquals(400, v1.modelCount());
    assertEquals(12, v1.serviceCount());
    v1.models()
        .values()
        .forEach(
            models ->
                models.values().forEach(m -> assertTrue(m.variables().size() >= 30, m.name())));
    assertEquals(400, DatasourceDiffer.diff(v1, v2).models(ChangeKind.CHANGED).size());
    assertEquals(4, DatasourceDiffer.diff(v2, v3).models(ChangeKind.CHANGED).size());
  }

  @Test
  void academyIsValidWithFortyToEightyVariablesAVariantAndChangesTheAskedShare()
      throws IOException {
    BenchDatasource.Shape first = BenchDatasource.Shape.first(BenchDatasource.Kind.ACADEMY, 200);
    BenchDatasource.Shape full = first.next(1.0);
    BenchDatasource.Shape onePercent = full.next(0.01);
    BenchDatasource.write(tmp.resolve("v1"), first);
    BenchDatasource.write(tmp.resolve("v2"), full);
    BenchDatasource.write(tmp.resolve("v3"), onePercent);

    LoadResult loaded = new DatasourceLoader().load(tmp.resolve("v1"));
    assertTrue(loaded.isValid(), () -> loaded.problems().toString());
    Datasource v1 = loaded.orThrow();
    Datasource v2 = load(tmp.resolve("v2"));
    Datasource v3 = load(tmp.resolve("v3"));

    assertEquals(200, v1.modelCount());
    for (int i = 0; i < 200; i++) {
      String release = BenchDatasource.release(i, 200);
      EffectiveModel m = v1.findModel(release, first.modelName(i)).orElseThrow();
      assertEquals(first.effectiveVariables(i), m.variables().size(), m.name());
      if (m.chain().size() == 3) {
        int variables = m.variables().size();
        assertTrue(variables >= 40 && variables <= 80, m.name() + ": " + variables);
      }
      assertTrue(m.variables().keySet().containsAll(first.childValues(i, 0).keySet()), m.name());
    }
    assertEquals(200, DatasourceDiffer.diff(v1, v2).models(ChangeKind.CHANGED).size());
    assertEquals(2, DatasourceDiffer.diff(v2, v3).models(ChangeKind.CHANGED).size());
  }

  @Test
  void academyVariantsChangeAValueTheirChildrenOverride() throws IOException {
    BenchDatasource.Shape first = BenchDatasource.Shape.first(BenchDatasource.Kind.ACADEMY, 200);
    BenchDatasource.write(tmp.resolve("v1"), first);
    BenchDatasource.write(tmp.resolve("v2"), first.next(1.0));
    Datasource v1 = load(tmp.resolve("v1"));
    Datasource v2 = load(tmp.resolve("v2"));

    int variant = 60;
    String release = BenchDatasource.release(variant, 200);
    String name = first.modelName(variant);
    EffectiveModel before = v1.findModel(release, name).orElseThrow();
    EffectiveModel after = v2.findModel(release, name).orElseThrow();
    assertEquals(3, before.chain().size(), name);
    long changed =
        first.childValues(variant, 0).keySet().stream()
            .filter(v -> !before.variables().get(v).equals(after.variables().get(v)))
            .count();
    assertEquals(1, changed, name);
  }

  private static Datasource load(Path dir) {
    return new DatasourceLoader().load(dir).orThrow();
  }
}
