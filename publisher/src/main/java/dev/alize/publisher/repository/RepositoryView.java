package dev.alize.publisher.repository;

import dev.alize.common.release.ReleaseFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a repository serves: its releases, when each role expires, and the metadata versions. */
public record RepositoryView(
    List<ReleaseFacts> releases, Map<String, Instant> expiry, Map<String, Long> versions) {}
