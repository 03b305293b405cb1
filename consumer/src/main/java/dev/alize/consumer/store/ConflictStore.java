package dev.alize.consumer.store;

import dev.alize.common.conflict.Conflict;
import jakarta.inject.Singleton;
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
@Singleton
public final class ConflictStore {

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

  private final ConflictRepository rows;

  ConflictStore(ConflictRepository rows) {
    this.rows = rows;
  }

  /**
   * Stores one child's detected conflicts, in the caller's transaction.
   *
   * @param version the upstream version the detection ran against
   */
  public ConflictChanges apply(
      long childId, String datasource, String version, List<Conflict> detected, Instant now) {
    String at = UtcTimestamp.of(now);
    Map<String, StoredConflict> stored = new HashMap<>();
    for (StoredConflict s : rows.ofChild(childId)) {
      stored.put(s.kind() + " " + s.subject(), s);
    }
    List<Long> raised = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    for (Conflict d : detected) {
      StoredConflict s = stored.remove(d.kind().wireName() + " " + d.subject());
      String details = Json.write(d.details());
      if (s == null) {
        rows.insert(
            childId,
            d.kind().wireName(),
            d.subject(),
            d.severity().wireName(),
            d.message(),
            details,
            datasource,
            version,
            at);
        long id = rows.idOf(childId, d.kind().wireName(), d.subject());
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
        rows.reopen(s.id(), d.message(), details, d.severity().wireName(), version, at);
        raised.add(s.id());
      } else {
        rows.seen(s.id(), d.message(), details, version, at);
      }
    }
    List<Long> closed = new ArrayList<>();
    for (StoredConflict gone : stored.values()) {
      if (gone.status().equals("resolved")) {
        if (gone.closedVersion() == null) {
          // Resolved by an admin, and now its cause is gone too: if it comes back, it reopens.
          rows.causeGone(gone.id(), version);
        }
      } else {
        rows.close(gone.id(), version, at);
        closed.add(gone.id());
      }
    }
    return new ConflictChanges(raised, closed, seen, open);
  }

  public List<StoredConflict> list(Status status) {
    return status == Status.ALL ? rows.list() : rows.list(status.wireName());
  }

  public Optional<StoredConflict> find(long id) {
    return rows.find(id);
  }

  /** Sets an admin's status ({@code acknowledged} or {@code resolved}) with a comment. */
  public void setStatus(long id, Status status, String by, String comment, Instant now) {
    rows.setStatus(id, status.wireName(), by, comment, UtcTimestamp.of(now));
  }
}
