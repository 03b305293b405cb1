package dev.alize.publisher.repository;

import dev.alize.common.tuf.RoleExpiry;

/**
 * Metadata that nothing renews by itself: it expires unless a maintainer acts.
 *
 * @param why why the re-sign job cannot renew it
 * @param fix the command that renews it, ready to run
 */
public record HumanRenewal(RoleExpiry expiry, String why, String fix) {}
