package dev.alize.consumer.notify;

import dev.alize.consumer.store.UtcTimestamp;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** One undelivered notification as read, or as a dispatcher left it after a failure. */
@MappedEntity(value = "notification_outbox", escape = false)
record OutboxRow(
    @Id long id,
    String channel,
    String payload,
    int attempts,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant nextAttemptAt) {}
