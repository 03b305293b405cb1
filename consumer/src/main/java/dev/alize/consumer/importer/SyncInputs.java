package dev.alize.consumer.importer;

import dev.alize.common.version.SemanticVersion;
import java.util.Map;
import java.util.Set;

/**
 * What a sync of one repository decides from, read from the database in one transaction.
 *
 * @param installed the installed version of each datasource imported from the repository
 * @param approvals approved releases as {@code NAME VERSION}
 * @param pins per pinned datasource of the repository, the version a rollback left
 * @param held per datasource, the versions held for approval (by any repository)
 * @param syncedLast whether the repository's newest history row is a successful sync: another
 *     success that imports nothing is no change of state, and adds no row
 */
public record SyncInputs(
    Map<String, SemanticVersion> installed,
    Set<String> approvals,
    Map<String, SemanticVersion> pins,
    Map<String, Set<String>> held,
    boolean syncedLast) {}
