package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** A child model's own row; its overrides and services are rows of their own. */
@MappedEntity(value = "child_model", escape = false)
record ChildModelRow(
    @Id long id,
    String name,
    String parentDatasource,
    String parentRelease,
    String parentModel,
    @Nullable String description,
    String reconciledVersion,
    String reconciledServices,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant createdAt,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant updatedAt,
    String updatedBy) {}
