package dev.alize.consumer.store;

/**
 * A verified release archive as an import records it.
 *
 * @param targetHash the SHA-256 the signed targets metadata gives for the archive
 * @param targetsVersion the version of the signed targets metadata that listed it
 */
public record ImportedRelease(
    String repository,
    String datasource,
    String version,
    String targetPath,
    String targetHash,
    Integer targetsVersion) {}
