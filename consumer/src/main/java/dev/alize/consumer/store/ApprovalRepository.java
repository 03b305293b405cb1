package dev.alize.consumer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The admins' approvals of releases past the auto-approve policy. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApprovalRepository extends GenericRepository<Approval, String> {

  @Query("SELECT * FROM approval ORDER BY datasource, version")
  List<Approval> list();

  @Query("SELECT COUNT(*) FROM approval WHERE datasource = :datasource AND version = :version")
  long count(String datasource, String version);

  @Query(
      "INSERT INTO approval (datasource, version, approved_at, approved_by)"
          + " VALUES (:datasource, :version, CAST(:approvedAtUtc AS TIMESTAMP), :approvedBy)")
  void insert(String datasource, String version, String approvedAtUtc, String approvedBy);

  /** 1 when the approval existed and is now gone, 0 when there was none. */
  @Query("DELETE FROM approval WHERE datasource = :datasource AND version = :version")
  int delete(String datasource, String version);

  /** Approvals as {@code NAME VERSION}. */
  default Set<String> releases() {
    Set<String> out = new TreeSet<>();
    list().forEach(a -> out.add(a.release()));
    return out;
  }

  /** Approves a release; approving twice keeps the first approval. */
  default void approve(String datasource, String version, String by, Instant now) {
    if (count(datasource, version) == 0) {
      insert(datasource, version, UtcTimestamp.of(now), by);
    }
  }
}
