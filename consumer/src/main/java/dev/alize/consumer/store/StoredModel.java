package dev.alize.consumer.store;

/**
 * What an import needs to know of a model already stored: whether its content changed, and whether
 * it was withdrawn.
 *
 * @param sourceDigest the digest of the archive files it was loaded from, or null when unknown
 */
public record StoredModel(
    ModelKey key, String contentHash, boolean withdrawn, String sourceDigest) {}
