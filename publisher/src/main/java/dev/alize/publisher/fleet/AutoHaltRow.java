package dev.alize.publisher.fleet;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A release the halt policy stopped, when (UTC milliseconds) and why. */
@MappedEntity(value = "auto_halt", escape = false)
public record AutoHaltRow(@Id String datasource, String version, long haltedAt, String reason) {}
