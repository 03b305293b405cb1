package dev.alize.consumer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows updated by key, more than a chunk of them: each row gets its own values (texts, integers,
 * nulls), the constant assignment too, and rows not named keep theirs.
 */
class RowUpdatesTest {

  private static final int ROWS = RowUpdates.CHUNK + 123;

  @DatabaseKinds
  void everyRowNamedGetsItsOwnValues_andNoOther(TestDatabases.Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Map<String, String> after =
          opened
              .database()
              .inTransaction(
                  c -> {
                    Sql.update(
                        c,
                        "CREATE TABLE scratch (k1 VARCHAR(20) NOT NULL, k2 VARCHAR(20) NOT NULL,"
                            + " n INTEGER, t TEXT, mark VARCHAR(10), PRIMARY KEY (k1, k2))");
                    try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO scratch VALUES (?, ?, 0, 'old', 'old')")) {
                      for (int i = 0; i < ROWS + 1; i++) {
                        s.setString(1, "a" + i % 7);
                        s.setString(2, key(i));
                        s.addBatch();
                      }
                      s.executeBatch();
                    }
                    try (RowUpdates updates =
                        new RowUpdates(
                            c,
                            "scratch",
                            List.of(RowUpdates.Column.integer("n"), RowUpdates.Column.text("t")),
                            ", mark = NULL",
                            List.of(RowUpdates.Column.text("k1"), RowUpdates.Column.text("k2")))) {
                      // Every row but the last, the one of key ROWS.
                      for (int i = 0; i < ROWS; i++) {
                        updates.add(i, i % 3 == 0 ? null : "t" + i, "a" + i % 7, key(i));
                      }
                    }
                    Map<String, String> out = new TreeMap<>();
                    try (PreparedStatement s =
                            c.prepareStatement("SELECT k1, k2, n, t, mark FROM scratch");
                        ResultSet r = s.executeQuery()) {
                      while (r.next()) {
                        out.put(
                            r.getString(1) + "/" + r.getString(2),
                            r.getInt(3) + " " + r.getString(4) + " " + r.getString(5));
                      }
                    }
                    return out;
                  });

      assertEquals(ROWS + 1, after.size());
      for (int i = 0; i < ROWS; i++) {
        assertEquals(
            i + " " + (i % 3 == 0 ? null : "t" + i) + " null",
            after.get("a" + i % 7 + "/" + key(i)),
            "row " + i);
      }
      assertEquals("0 old old", after.get("a" + ROWS % 7 + "/" + key(ROWS)));
    }
  }

  private static String key(int i) {
    return String.format(Locale.ROOT, "k%06d", i);
  }
}
