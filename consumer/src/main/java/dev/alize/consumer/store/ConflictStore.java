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

  /** How many ids one statement lists, well under what either database accepts. */
  private static final int IDS_PER_STATEMENT = 1000;

  /**
   * The stored conflicts of {@code children}, derived from {@code datasource}'s models, by child:
   * read in one query for all the children an import checks.
   */
  public Map<Long, List<StoredConflict>> byChild(String datasource, List<Long> children) {
    Map<Long, List<StoredConflict>> out = new HashMap<>();
    for (StoredConflict s :
        children.size() == 1 ? rows.ofChild(children.get(0)) : rows.ofDatasource(datasource)) {
      out.computeIfAbsent(s.childId(), k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  /**
   * Stores one child's detected conflicts, in the caller's transaction. Conflicts seen again as
   * they were are not written here but added to {@code seenAgain}, for {@link #seenAgain}: one
   * statement for all the children checked.
   *
   * @param stored the child's conflicts as stored
   * @param version the upstream version the detection ran against
   */
  public ConflictChanges apply(
      long childId,
      List<StoredConflict> stored,
      String datasource,
      String version,
      List<Conflict> detected,
      Instant now,
      List<Long> seenAgain) {
    String at = UtcTimestamp.of(now);
    Map<String, StoredConflict> byKey = new HashMap<>();
    for (StoredConflict s : stored) {
      byKey.put(s.kind() + " " + s.subject(), s);
    }
    List<Long> raised = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    for (Conflict d : detected) {
      StoredConflict s = byKey.remove(d.kind().wireName() + " " + d.subject());
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
      } else if (changed) {
        rows.seen(s.id(), d.message(), details, version, at);
      } else {
        seenAgain.add(s.id());
      }
    }
    List<Long> closed = new ArrayList<>();
    for (StoredConflict gone : byKey.values()) {
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

  /** Records that the conflicts {@code ids} were seen again, unchanged, in {@code version}. */
  public void seenAgain(List<Long> ids, String version, Instant now) {
    String at = UtcTimestamp.of(now);
    for (int i = 0; i < ids.size(); i += IDS_PER_STATEMENT) {
      rows.seenAgain(ids.subList(i, Math.min(ids.size(), i + IDS_PER_STATEMENT)), version, at);
    }
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
