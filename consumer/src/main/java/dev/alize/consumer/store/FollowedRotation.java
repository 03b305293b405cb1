package dev.alize.consumer.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * A root rotation the consumer followed and told. Its key is (repository, version); queries read it
 * by both, so the repository stands for the key.
 *
 * @param changedRoles the top-level roles with new keys, comma-separated; empty for none
 */
@MappedEntity(value = "root_rotation", escape = false)
public record FollowedRotation(
    @Id String repository,
    long version,
    long fromVersion,
    String changedRoles,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant followedAt) {}
