package dev.alize.publisher.api;

import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.version.SemanticVersion;

/**
 * What an upload asks to release, from its query parameters.
 *
 * @param notes null for none
 * @param forceReason null unless the version may understate the changes
 * @param rollout the rollout plan's text, or null to reach every site at once
 */
record ReleaseParameters(
    SemanticVersion version,
    Channel channel,
    Classification classification,
    String notes,
    String forceReason,
    String rollout) {}
