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
 * The floor a full sync is held against: what the same work costs done the simplest way there is.
 * Reading the archive from disk, hashing it, decompressing it and unpacking every entry into
 * memory; then writing the very rows the import wrote into a fresh database of the same schema, by
 * {@code COPY} on PostgreSQL and by batched inserts (H2 has no {@code COPY}) on H2, in one
 * transaction.
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

  private Floor() {}

  /**
   * Seconds to read the archive and to write the rows.
   *
   * @param imported the database the import just wrote, whose rows are copied
   */
  static double[] measure(Database imported, Path archive, TestDatabases.Kind kind)
      throws IOException, NoSuchAlgorithmException {
    long t0 = System.nanoTime();
    read(archive);
    double read = (System.nanoTime() - t0) / 1e9;
    double write =
        kind == TestDatabases.Kind.POSTGRES
            ? copy(imported, TestDatabases.fresh(kind))
            : insert(imported, TestDatabases.fresh(kind));
    return new double[] {read, write};
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

  /** PostgreSQL: the rows copied out untimed, then {@code COPY ... FROM STDIN} timed. */
  private static double copy(Database imported, DatabaseSettings to) {
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
    try (OpenDatabase opened = OpenDatabase.open(to)) {
      Database floor = opened.database();
      long t0 = System.nanoTime();
      floor.inTransaction(
          c -> {
            for (var e : rows.entrySet()) {
              try {
                c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                        "COPY " + e.getKey() + " FROM STDIN",
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

  /** H2: the rows read out untimed, then inserted in batches of 1,000, timed. */
  private static double insert(Database imported, DatabaseSettings to) {
    Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    Map<String, Integer> columns = new LinkedHashMap<>();
    imported.inTransaction(
        c -> {
          for (String table : TABLES) {
            List<Object[]> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table);
                ResultSet rs = s.executeQuery()) {
              int n = rs.getMetaData().getColumnCount();
              columns.put(table, n);
              while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                  row[i] = rs.getObject(i + 1);
                }
                list.add(row);
              }
            }
            rows.put(table, list);
          }
          return null;
        });
    try (OpenDatabase opened = OpenDatabase.open(to)) {
      Database floor = opened.database();
      long t0 = System.nanoTime();
      floor.inTransaction(
          c -> {
            for (var e : rows.entrySet()) {
              insert(c, e.getKey(), columns.get(e.getKey()), e.getValue());
            }
            return null;
          });
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static void insert(Connection c, String table, int n, List<Object[]> rows)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(n, "?"));
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      int pending = 0;
      for (Object[] row : rows) {
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
