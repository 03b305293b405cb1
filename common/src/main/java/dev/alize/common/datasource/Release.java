package dev.alize.common.datasource;

import java.time.LocalDate;

/**
 * A distribution release.
 *
 * @param endOfSupport null when not announced
 */
public record Release(
    String name,
    String codename,
    ReleaseStatus status,
    LocalDate endOfSupport,
    String description,
    String file) {}
