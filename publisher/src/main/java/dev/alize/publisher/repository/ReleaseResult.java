package dev.alize.publisher.repository;

import dev.alize.common.release.ReleaseFacts;
import java.util.Map;

/**
 * A release as published.
 *
 * @param hashes of the archive, by algorithm
 * @param metadata the metadata versions after the release
 */
public record ReleaseResult(
    ReleaseFacts facts, long length, Map<String, String> hashes, Map<String, Long> metadata) {}
