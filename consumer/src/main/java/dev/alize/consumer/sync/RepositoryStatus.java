package dev.alize.consumer.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the consumer knows of one repository between syncs: when it last succeeded or failed, when
 * it tries next, the mirrors that misbehaved, what the operator should act on, and per datasource
 * the installed, held and waiting versions.
 */
public final class RepositoryStatus {

  /**
   * The state of one datasource. {@code models} and {@code pinnedBelow} come from the database when
   * the status is shown, and are not saved with it.
   */
  public static final class DatasourceStatus {
    public String installed;
    public String held;
    public String heldReason;
    public String deprecation;

    /** The publisher's reason when the installed release was rejected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String rejection;

    /** Why a newer release is not taken: its rollout is halted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String halted;

    /** What the last sync of this datasource came to, as its report tells it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String outcome;

    /** The release that outcome is about: imported, held, waiting, or failed to import. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String release;

    /** Why it failed, as a class, when it did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String errorClass;

    /** A newer release this site takes later in its rollout, why, and from when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String waiting;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String waitingReason;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Instant expectedFrom;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Integer models;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String pinnedBelow;
  }

  public Instant lastSuccess;
  public Instant lastAttempt;
  public String lastError;
  public Instant nextAttempt;
  public int consecutiveFailures;
  public Map<String, String> badMirrors = new LinkedHashMap<>();

  /** As the last poll found them; {@code status} finds them again when it is run. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<SyncWarning> warnings = new ArrayList<>();

  public Map<String, DatasourceStatus> datasources = new LinkedHashMap<>();
  public Map<String, String> etags = new LinkedHashMap<>();

  public DatasourceStatus datasource(String name) {
    return datasources.computeIfAbsent(name, n -> new DatasourceStatus());
  }
}
