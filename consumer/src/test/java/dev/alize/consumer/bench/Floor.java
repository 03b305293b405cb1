package dev.alize.consumer.bench;

import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * The floors a full sync is held against: what the same work costs done the simplest way there is.
 * Both read the archive from disk, hash it, decompress it and unpack every entry into memory; then
 * write the very rows the import wrote, in one transaction, into a fresh database. The same-schema
 * floor writes them into tables of the import's schema, keys and indexes included; the raw floor
 * into tables of the same columns without keys or indexes. PostgreSQL writes by {@code COPY}; H2,
 * which has no {@code COPY}, by batched prepared inserts, its fastest path for rows already in
 * memory (its {@code CSVREAD} would first have to write and parse them as text).
 */
final class Floor {

  /** The tables an import writes in bulk, parents first. */
  static final List<String> TABLES =
      List.of(
          "datasource",
          "distribution_release",
          "service",
          "service_variable",
          "server_model",
          "model_variable");

  /**
   * Seconds each part took.
   *
   * @param read reading, hashing, decompressing and unpacking the archive
   * @param write writing the rows into the import's schema
   * @param rawWrite writing the rows into tables without keys or indexes
   */
  record Times(double read, double write, double rawWrite) {

    double sameSchema() {
      return read + write;
    }

    double raw() {
      return read + rawWrite;
    }
  }

  private Floor() {}

  /** Both floors of the rows an import wrote, read out of its database at once (see capture). */
  @FunctionalInterface
  interface Captured {
    /** Times both floors: reading {@code archive}, then writing the rows into fresh databases. */
    Times measure() throws IOException, NoSuchAlgorithmException;
  }

  /**
   * Reads out the rows the import just wrote into {@code imported}, for both floors to write them
   * later. PostgreSQL's are written at the end of the iteration: writing 670,000 rows into it left
   * its background processes (the checkpointer, autovacuum) busy on the machine's cores during the
   * sync timed next, the 1 % sync, whose download took up to three times H2's. They are held as
   * {@code COPY} text, a few large arrays; H2's, held as objects, would weigh on the collector
   * during that sync, and H2 leaves no work behind: they are written at once.
   *
   * @param imported the database the import just wrote, whose rows are copied
   * @param archive the release's archive, read by each floor
   */
  static Captured capture(Database imported, Path archive, TestDatabases.Kind kind)
      throws IOException, NoSuchAlgorithmException {
    if (kind == TestDatabases.Kind.POSTGRES) {
      Map<String, byte[]> rows = copyOut(imported);
      return () ->
          new Times(
              timedRead(archive),
              copyIn(rows, TestDatabases.fresh(kind), false),
              copyIn(rows, TestDatabases.fresh(kind), true));
    }
    Map<String, Rows> rows = select(imported);
    Times times =
        new Times(
            timedRead(archive),
            insert(rows, TestDatabases.fresh(kind), false),
            insert(rows, TestDatabases.fresh(kind), true));
    return () -> times;
  }

  private static double timedRead(Path archive) throws IOException, NoSuchAlgorithmException {
    long t0 = System.nanoTime();
    read(archive);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Reads, hashes, decompresses and unpacks; returns the number of files. */
  static int read(Path archive) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    int files = 0;
    try (InputStream raw = new DigestInputStream(Files.newInputStream(archive), sha);
        InputStream tar = new GZIPInputStream(raw, 64 * 1024)) {
      byte[] header = new byte[512];
      while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        long size = Long.parseLong(new String(header, 124, 11, "US-ASCII").trim(), 8);
        byte[] content = tar.readNBytes((int) size);
        if (content.length != size) {
          throw new IOException(archive + ": truncated entry");
        }
        tar.skipNBytes((512 - size % 512) % 512);
        if (header[156] == '0' || header[156] == 0) {
          files++;
        }
      }
      raw.transferTo(OutputStream.nullOutputStream());
    }
    sha.digest();
    return files;
  }

  /** PostgreSQL: every table's rows, copied out in {@code COPY}'s text form. */
  private static Map<String, byte[]> copyOut(Database imported) {
    Map<String, byte[]> rows = new LinkedHashMap<>();
    imported.inTransaction(
        c -> {
          for (String table : TABLES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
              c.unwrap(PGConnection.class)
                  .getCopyAPI()
                  .copyOut("COPY " + table + " TO STDOUT", out);
            } catch (IOException e) {
              throw new SQLException(e);
            }
            rows.put(table, out.toByteArray());
          }
          return null;
        });
    return rows;
  }

  /** PostgreSQL: seconds of {@code COPY ... FROM STDIN} of {@code rows} into {@code to}. */
  private static double copyIn(Map<String, byte[]> rows, DatabaseSettings to, boolean raw) {
    try (OpenDatabase opened = OpenDatabase.open(to)) {
      Database floor = opened.database();
      if (raw) {
        // LIKE copies the columns and their NOT NULL, none of the keys or indexes.
        createRawTables(floor, "CREATE TABLE raw_%1$s (LIKE %1$s)");
      }
      long t0 = System.nanoTime();
      floor.inTransaction(
          c -> {
            for (var e : rows.entrySet()) {
              try {
                c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                        "COPY " + (raw ? "raw_" : "") + e.getKey() + " FROM STDIN",
                        new ByteArrayInputStream(e.getValue()));
              } catch (IOException ex) {
                throw new SQLException(ex);
              }
            }
            return null;
          });
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static void createRawTables(Database floor, String format) {
    floor.inTransaction(
        c -> {
          for (String table : TABLES) {
            try (PreparedStatement s = c.prepareStatement(String.format(format, table))) {
              s.execute();
            }
          }
          return null;
        });
  }

  /** A table's rows, read out. */
  private record Rows(int columns, List<Object[]> rows) {}

  /** H2: every table's rows, read out. */
  private static Map<String, Rows> select(Database imported) {
    Map<String, Rows> rows = new LinkedHashMap<>();
    imported.inTransaction(
        c -> {
          for (String table : TABLES) {
            List<Object[]> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table);
                ResultSet rs = s.executeQuery()) {
              int n = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                  row[i] = rs.getObject(i + 1);
                }
                list.add(row);
              }
              rows.put(table, new Rows(n, list));
            }
          }
          return null;
        });
    return rows;
  }

  /** H2: seconds of inserting {@code rows} into {@code to} in batches of 1,000. */
  private static double insert(Map<String, Rows> rows, DatabaseSettings to, boolean raw) {
    try (OpenDatabase opened = OpenDatabase.open(to)) {
      Database floor = opened.database();
      if (raw) {
        createRawTables(floor, "CREATE TABLE raw_%1$s AS SELECT * FROM %1$s WITH NO DATA");
      }
      long t0 = System.nanoTime();
      floor.inTransaction(
          c -> {
            for (var e : rows.entrySet()) {
              insert(c, (raw ? "raw_" : "") + e.getKey(), e.getValue());
            }
            return null;
          });
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static void insert(Connection c, String table, Rows rows) throws SQLException {
    int n = rows.columns();
    String marks = String.join(", ", Collections.nCopies(n, "?"));
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      int pending = 0;
      for (Object[] row : rows.rows()) {
        for (int i = 0; i < n; i++) {
          s.setObject(i + 1, row[i]);
        }
        s.addBatch();
        if (++pending == 1000) {
          s.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        s.executeBatch();
      }
    }
  }
}
