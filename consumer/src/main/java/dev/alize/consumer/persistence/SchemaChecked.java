package dev.alize.consumer.persistence;

/**
 * What the process found in the database's schema when it opened it, and what it did: a bean, for
 * {@code migrate} to report.
 */
public record SchemaChecked(SchemaState found, Schema.Step step) {}
