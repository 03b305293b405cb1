package dev.alize.publisher.repository;

import dev.alize.common.datasource.SourceTree;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.version.SemanticVersion;

/**
 * What a maintainer asks to release.
 *
 * @param notes null for none
 * @param forceReason null unless the version may understate the bump the changes imply
 */
public record ReleaseRequest(
    SourceTree tree,
    SemanticVersion version,
    Channel channel,
    Classification classification,
    String notes,
    String forceReason,
    String actor) {}
