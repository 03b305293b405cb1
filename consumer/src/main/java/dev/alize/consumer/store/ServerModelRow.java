package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A stored upstream server model, the entity its repository reads; its key is (datasource, release,
 * name), the name standing for it.
 */
@MappedEntity(value = "server_model", escape = false)
record ServerModelRow(
    String datasource,
    String releaseName,
    @Id String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String parent,
    String chain,
    String services,
    String contentHash,
    String sourceFile,
    String status,
    String importedVersion,
    @Nullable String withdrawnVersion,
    @Nullable String sourceDigest,
    int variableCount) {}
