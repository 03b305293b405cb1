package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.tuf.RootRotation;
import dev.alize.consumer.notify.ImportNotice;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** A root rotation followed is told once, whichever replica or sync follows it. */
class RootRotationsTest {

  private static List<String> subjects(Database db) {
    return db.inTransaction(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("SELECT payload FROM notification_outbox ORDER BY id");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              out.add(ImportNotice.fromJson(rs.getString(1)).subject());
            }
          }
          return out;
        });
  }

  @DatabaseKinds
  void aRotationIsToldOnce(TestDatabases.Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Importer importer = opened.bean(Importer.class);
      RootRotation rotation = new RootRotation(1, 2, List.of("targets"));

      assertTrue(importer.recordRotation("upstream", rotation));
      assertFalse(importer.recordRotation("upstream", rotation), "a second replica");
      assertTrue(importer.recordRotation("other", rotation), "another repository");
      assertTrue(importer.recordRotation("upstream", new RootRotation(2, 3, List.of())));

      assertEquals(
          List.of(
              "Alizé: upstream root metadata 1 → 2, new keys for targets",
              "Alizé: other root metadata 1 → 2, new keys for targets",
              "Alizé: upstream root metadata 2 → 3, the same keys"),
          subjects(opened.database()));
    }
  }
}
