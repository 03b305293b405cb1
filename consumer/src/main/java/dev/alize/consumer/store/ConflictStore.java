package dev.alize.consumer.store;

import dev.alize.common.conflict.Conflict;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores what the conflict detector finds: a conflict is stored once per child, kind and subject,
 * updated when seen again, resolved automatically when its cause disappears, and opened again when
 * its cause comes back or changes after an admin acknowledged or resolved it.
 */
public final class ConflictStore {

  private static final String COLUMNS =
      "c.id, c.child_id, m.name AS child, c.kind, c.subject, c.severity, c.status, c.message,"
          + " c.details, c.datasource, c.raised_version, c.last_seen_version, c.first_seen_at,"
          + " c.last_seen_at, c.closed_version, c.status_changed_at, c.status_changed_by,"
          + " c.comment";
  private static final String FROM = " FROM conflict c JOIN child_model m ON m.id = c.child_id";

  /** The statuses an admin filters by. */
  public enum Status {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    ALL;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Stores one child's detected conflicts, in the caller's transaction.
   *
   * @param version the upstream version the detection ran against
   */
  public ConflictChanges apply(
      Connection c,
      long childId,
      String datasource,
      String version,
      List<Conflict> detected,
      Instant now)
      throws SQLException {
    Map<String, StoredConflict> stored = new HashMap<>();
    for (StoredConflict s : query(c, " WHERE c.child_id = ?", childId)) {
      stored.put(s.kind() + " " + s.subject(), s);
    }
    List<Long> raised = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    for (Conflict d : detected) {
      StoredConflict s = stored.remove(d.kind().wireName() + " " + d.subject());
      String details = Json.write(d.details());
      if (s == null) {
        long id =
            Sql.insert(
                c,
                "INSERT INTO conflict (child_id, kind, subject, severity, status, message,"
                    + " details, datasource, raised_version, last_seen_version, first_seen_at,"
                    + " last_seen_at, status_changed_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)",
                childId,
                d.kind().wireName(),
                d.subject(),
                d.severity().wireName(),
                d.message(),
                details,
                datasource,
                version,
                version,
                now,
                now,
                now);
        raised.add(id);
        seen.add(id);
        open.add(id);
        continue;
      }
      seen.add(s.id());
      boolean changed = !s.details().equals(d.details()) || !s.message().equals(d.message());
      boolean reopen =
          switch (s.status()) {
            case "open" -> false;
            case "acknowledged" -> changed;
              // A closed version means its cause had gone: it is back. Otherwise an admin resolved
              // it, and that holds while the cause is the one the admin saw.
            default -> s.closedVersion() != null || changed;
          };
      if (reopen || s.status().equals("open")) {
        open.add(s.id());
      }
      if (reopen) {
        Sql.update(
            c,
            "UPDATE conflict SET status = 'open', message = ?, details = ?, severity = ?,"
                + " raised_version = ?, last_seen_version = ?, last_seen_at = ?,"
                + " closed_version = NULL, status_changed_at = ?, status_changed_by = NULL,"
                + " comment = NULL WHERE id = ?",
            d.message(),
            details,
            d.severity().wireName(),
            version,
            version,
            now,
            now,
            s.id());
        raised.add(s.id());
      } else {
        Sql.update(
            c,
            "UPDATE conflict SET message = ?, details = ?, last_seen_version = ?, last_seen_at = ?"
                + " WHERE id = ?",
            d.message(),
            details,
            version,
            now,
            s.id());
      }
    }
    List<Long> closed = new ArrayList<>();
    for (StoredConflict gone : stored.values()) {
      if (gone.status().equals("resolved")) {
        if (gone.closedVersion() == null) {
          // Resolved by an admin, and now its cause is gone too: if it comes back, it reopens.
          Sql.update(c, "UPDATE conflict SET closed_version = ? WHERE id = ?", version, gone.id());
        }
      } else {
        Sql.update(
            c,
            "UPDATE conflict SET status = 'resolved', closed_version = ?, status_changed_at = ?,"
                + " status_changed_by = NULL WHERE id = ?",
            version,
            now,
            gone.id());
        closed.add(gone.id());
      }
    }
    return new ConflictChanges(raised, closed, seen, open);
  }

  public List<StoredConflict> list(Connection c, Status status) throws SQLException {
    return status == Status.ALL ? query(c, "") : query(c, " WHERE c.status = ?", status.wireName());
  }

  public Optional<StoredConflict> find(Connection c, long id) throws SQLException {
    List<StoredConflict> found = query(c, " WHERE c.id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Sets an admin's status ({@code acknowledged} or {@code resolved}) with a comment. */
  public void setStatus(
      Connection c, long id, Status status, String by, String comment, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE conflict SET status = ?, status_changed_at = ?, status_changed_by = ?, comment = ?"
            + " WHERE id = ?",
        status.wireName(),
        now,
        by,
        comment,
        id);
  }

  private List<StoredConflict> query(Connection c, String where, Object... values)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT "
            + COLUMNS
            + FROM
            + where
            + " ORDER BY CASE c.severity WHEN 'blocking' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,"
            + " c.id",
        ConflictStore::row,
        values);
  }

  private static StoredConflict row(ResultSet rs) throws SQLException {
    return new StoredConflict(
        rs.getLong("id"),
        rs.getLong("child_id"),
        rs.getString("child"),
        rs.getString("kind"),
        rs.getString("subject"),
        rs.getString("severity"),
        rs.getString("status"),
        rs.getString("message"),
        Json.map(rs.getString("details")),
        rs.getString("datasource"),
        rs.getString("raised_version"),
        rs.getString("last_seen_version"),
        Sql.instant(rs, "first_seen_at"),
        Sql.instant(rs, "last_seen_at"),
        rs.getString("closed_version"),
        Sql.instant(rs, "status_changed_at"),
        rs.getString("status_changed_by"),
        rs.getString("comment"));
  }
}
