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
 * @param rollout the rollout plan as maintainers write it ({@code 5%,50%,100% every 1d}); null to
 *     reach every site at once
 */
public record ReleaseRequest(
    SourceTree tree,
    SemanticVersion version,
    Channel channel,
    Classification classification,
    String notes,
    String forceReason,
    String rollout,
    String actor) {}
