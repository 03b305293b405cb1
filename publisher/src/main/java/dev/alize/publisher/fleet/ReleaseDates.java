package dev.alize.publisher.fleet;

import dev.alize.common.release.ReleaseFacts;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each release was published, as the signed targets tell it: adoption times count from there,
 * never from a date a site reported.
 */
public final class ReleaseDates {

  private final Map<String, Instant> released = new HashMap<>();

  private ReleaseDates(List<ReleaseFacts> releases) {
    for (ReleaseFacts r : releases) {
      released.put(key(r.datasource(), r.version().toString()), r.released());
    }
  }

  public static ReleaseDates of(List<ReleaseFacts> releases) {
    return new ReleaseDates(releases);
  }

  /** No repository to read: no adoption times. */
  public static ReleaseDates none() {
    return new ReleaseDates(List.of());
  }

  /** When the release was published, or null when the repository does not serve it. */
  Instant released(String datasource, String version) {
    return released.get(key(datasource, version));
  }

  private static String key(String datasource, String version) {
    return datasource + " " + version;
  }
}
