package dev.alize.consumer.store;

/**
 * What an import needs to know of a model already stored: whether its content changed, and whether
 * it was withdrawn.
 */
public record StoredModel(ModelKey key, String contentHash, boolean withdrawn) {}
