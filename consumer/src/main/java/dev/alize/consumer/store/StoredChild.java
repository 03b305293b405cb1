package dev.alize.consumer.store;

import dev.alize.common.conflict.ChildModel;
import java.time.Instant;

/** A child model as stored, with its id and who changed it last. */
public record StoredChild(
    long id,
    ChildModel child,
    String description,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy) {}
