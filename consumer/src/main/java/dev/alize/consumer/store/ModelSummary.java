package dev.alize.consumer.store;

import java.util.List;

/**
 * One upstream server model as listed to admins.
 *
 * @param status {@code active}, or {@code withdrawn} when upstream removed it while child models
 *     still derive from it
 */
public record ModelSummary(
    String datasource,
    String release,
    String name,
    String title,
    String parent,
    List<String> services,
    int variables,
    String contentHash,
    String status,
    String importedVersion) {

  public String path() {
    return datasource + "/" + release + "/" + name;
  }
}
