package dev.alize.consumer.update;

import dev.alize.common.verify.TrustedMetadataSet;

/**
 * A refresh that completed: the metadata now trusted, and whether the timestamp changed (false
 * means the repository is as it was at the last refresh).
 */
public record RefreshOutcome(TrustedMetadataSet trusted, boolean changed) {}
