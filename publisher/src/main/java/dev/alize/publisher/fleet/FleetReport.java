package dev.alize.publisher.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code stats} answers.
 *
 * @param at when it was computed
 * @param stale the period after which a site that has not reported is listed as stale
 * @param sites every site, with its versions of the datasource asked (of every datasource when none
 *     was); empty when one release was asked for, so that its figures stay quick on a large fleet
 * @param staleSites the sites not seen for {@code stale}
 */
public record FleetReport(
    Instant at,
    Duration stale,
    long sitesEnrolled,
    List<ReleaseStats> releases,
    List<SiteSummary> sites,
    List<SiteSummary> staleSites) {}
