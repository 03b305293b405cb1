package dev.alize.publisher.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The statistics in JSON, as {@code stats --json} prints them and {@code GET /api/v1/stats}
 * answers: times in ISO-8601 UTC, durations in whole seconds, null where a figure is unknown.
 */
public final class FleetJson {

  private FleetJson() {}

  public static ObjectNode of(FleetReport report) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("at", report.at().toString());
    json.put("stale_after_s", report.stale().toSeconds());
    json.put("sites_enrolled", report.sitesEnrolled());
    ArrayNode releases = json.putArray("releases");
    for (ReleaseStats r : report.releases()) {
      ObjectNode o = releases.addObject();
      o.put("datasource", r.datasource());
      o.put("version", r.version());
      putInstant(o, "released", r.released());
      o.put("sites_reporting", r.sitesReporting());
      o.put("installed", r.installed());
      o.put("waiting", r.waiting());
      o.put("held", r.held());
      ObjectNode failed = o.putObject("failed");
      r.failed().forEach(failed::put);
      ArrayNode conflicts = o.putArray("conflicts");
      for (ReleaseStats.ConflictTotal c : r.conflicts()) {
        conflicts
            .addObject()
            .put("kind", c.kind())
            .put("severity", c.severity())
            .put("count", c.count());
      }
      ObjectNode imports = o.putObject("import_ms");
      imports.put("median", r.importMedianMs());
      imports.put("p95", r.importP95Ms());
      ObjectNode adoption = o.putObject("adoption_s");
      putSeconds(adoption, "half", r.toHalf());
      putSeconds(adoption, "ninety_percent", r.toNinetyPercent());
    }
    sites(json.putArray("sites"), report.sites());
    sites(json.putArray("stale_sites"), report.staleSites());
    return json;
  }

  private static void sites(ArrayNode array, List<SiteSummary> sites) {
    for (SiteSummary s : sites) {
      ObjectNode o = array.addObject();
      o.put("site", s.id());
      o.put("label", s.label());
      putInstant(o, "enrolled", s.enrolled());
      putInstant(o, "last_seen", s.lastSeen());
      o.put("consumer_version", s.consumerVersion());
      ObjectNode versions = o.putObject("versions");
      s.versions().forEach(versions::put);
      o.put("stale", s.stale());
    }
  }

  private static void putInstant(ObjectNode o, String field, Instant at) {
    if (at == null) {
      o.putNull(field);
    } else {
      o.put(field, at.toString());
    }
  }

  private static void putSeconds(ObjectNode o, String field, Duration duration) {
    if (duration == null) {
      o.putNull(field);
    } else {
      o.put(field, duration.toSeconds());
    }
  }
}
