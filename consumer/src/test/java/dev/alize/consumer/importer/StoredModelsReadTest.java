package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.Service;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import dev.alize.consumer.store.ModelKey;
import dev.alize.consumer.store.UpstreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored models an import reads back for its child models' conflicts, many at a time: each is
 * the model one read of it alone gives, with only the variables named, in their order, across
 * releases and beyond one query's share of names; on PostgreSQL, planned on the tables' real size.
 */
class StoredModelsReadTest {

  @TempDir Path tmp;

  @DatabaseKinds
  void manyModelsReadAtOnce_areEachTheModelReadAlone(Kind kind) {
    EoleTree tree = EoleTree.sample(tmp.resolve("v1"));
    List<ModelKey> keys = new ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      String name = String.format(Locale.ROOT, "site-%04d", i);
      tree.write(
          "servermodels/2.9.0/" + name + ".yaml",
          "name: "
              + name
              + "\nrelease: \"2.9.0\"\nextends: amon\nvariables:\n  server_name: s"
              + i
              + "\n");
      keys.add(new ModelKey("2.9.0", name));
    }
    keys.add(new ModelKey("2.8.1", "amon"));
    keys.add(new ModelKey("2.9.0", "amon"));
    ModelKey missing = new ModelKey("2.9.0", "no-such-model");
    keys.add(missing);

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(tree, "1.0.0");
      if (kind == Kind.POSTGRES) {
        // The import rewrote over 500 models: PostgreSQL sampled the tables again (a table never
        // sampled counts -1 rows), so that the reads below are planned on their real size.
        for (String table : List.of("server_model", "model_variable", "service_variable")) {
          assertTrue(
              Double.parseDouble(
                      site.value("SELECT reltuples FROM pg_class WHERE relname = ?", table))
                  > 0,
              table);
        }
      }
      UpstreamReader reader = site.context.bean(UpstreamReader.class);
      Map<String, Map<String, Service>> services = new TreeMap<>();
      for (String release : List.of("2.8.1", "2.9.0")) {
        services.put(release, reader.services(ImportSite.DATASOURCE, release));
      }
      // Two variables of eole-base, which every model runs, and one no model has.
      Set<String> named = Set.of("server_name", "domain_name", "no_such_variable");

      Map<ModelKey, EffectiveModel> read =
          site.database.inTransaction(
              c -> reader.findParents(c, ImportSite.DATASOURCE, keys, named, services));
      Map<ModelKey, EffectiveModel> bare =
          site.database.inTransaction(
              c -> reader.findParents(c, ImportSite.DATASOURCE, keys, Set.of(), services));

      assertEquals(keys.size() - 1, read.size());
      assertFalse(read.containsKey(missing));
      assertEquals(read.keySet(), bare.keySet());
      for (ModelKey key : keys.subList(0, keys.size() - 1)) {
        EffectiveModel alone =
            site.database
                .inTransaction(
                    c -> reader.findModel(ImportSite.DATASOURCE, key.release(), key.model()))
                .orElseThrow();
        Map<String, EffectiveVariable> expected = new LinkedHashMap<>(alone.variables());
        expected.keySet().retainAll(named);
        assertEquals(
            List.of("domain_name", "server_name"), List.copyOf(expected.keySet()), key.toString());
        assertEquals(
            new EffectiveModel(
                alone.model(), alone.chain(), alone.services(), expected, alone.contentHash()),
            read.get(key),
            key.toString());
        assertEquals(
            List.copyOf(expected.keySet()),
            List.copyOf(read.get(key).variables().keySet()),
            key + ": variables in their order");
        assertEquals(
            new EffectiveModel(
                alone.model(), alone.chain(), alone.services(), Map.of(), alone.contentHash()),
            bare.get(key),
            key + ": no variable named");
      }
    }
  }
}
