package dev.alize.consumer.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * A release an admin approved past the auto-approve policy. Its key is (datasource, version); only
 * queries of its repository read it, so the datasource stands for the key.
 */
@MappedEntity(value = "approval", escape = false)
public record Approval(
    @Id String datasource,
    String version,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant approvedAt,
    String approvedBy) {

  /** As {@code NAME VERSION}. */
  public String release() {
    return datasource + " " + version;
  }
}
