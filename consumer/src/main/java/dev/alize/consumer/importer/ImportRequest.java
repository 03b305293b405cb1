package dev.alize.consumer.importer;

import java.nio.file.Path;

/**
 * A verified release archive to import.
 *
 * @param targetPath the archive's path in the repository, as {@code eole/eole-2.0.0.tar.gz}
 * @param archive the archive on disk, whose length and hashes the signed targets metadata gives
 * @param targetHash its SHA-256, as signed
 * @param targetsVersion the version of the signed targets metadata that listed it, if known
 */
public record ImportRequest(
    String repository,
    String datasource,
    String version,
    String targetPath,
    Path archive,
    String targetHash,
    Integer targetsVersion) {}
