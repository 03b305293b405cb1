package dev.alize.common.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.conflict.Severity;
import dev.alize.common.datasource.Names;
import dev.alize.common.version.SemanticVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a site tells the publisher after a change of its state: who it is, and per datasource what
 * it runs, what its last sync came to, how long the import took and how many conflicts it has open.
 * Never a model's values, a child model's contents, a message from upstream or a secret: only
 * versions, names, classes and counts.
 *
 * <p>The publisher reads reports from the network, so {@link #parse} refuses anything beyond the
 * limits below, naming the field, before it is stored.
 *
 * @param site the site's identity: 32 lowercase hexadecimal digits
 * @param label the name its operator gave the site
 * @param sequence grows with each report the site sends, so that a replayed one is refused
 * @param consumerVersion the version of the consumer that sent it
 */
public record SiteReport(
    String site,
    String label,
    long sequence,
    Instant sent,
    String consumerVersion,
    List<DatasourceState> datasources) {

  /** The version of this format, sent as {@code format}. */
  public static final int FORMAT = 1;

  /** The largest report read, in bytes. */
  public static final int MAX_BYTES = 64 * 1024;

  /** The most datasources one report tells. */
  public static final int MAX_DATASOURCES = 200;

  /** The most conflict counts one datasource tells. */
  public static final int MAX_CONFLICT_COUNTS = 64;

  /** The longest version text read, as the publisher stores it. */
  public static final int MAX_VERSION = 100;

  /** The longest import time told: a day. */
  public static final long MAX_IMPORT_MILLIS = 86_400_000L;

  private static final Pattern IDENTITY = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern VERSION_TEXT = Pattern.compile("[0-9A-Za-z.+-]{1,40}");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** Anything after the object is refused: what is signed is the object, and nothing else. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /**
   * One datasource at the site.
   *
   * @param installed null when none is installed
   * @param previous the version installed before, or null
   * @param release the release the outcome is about (imported, held, waiting); null otherwise
   * @param errorClass set when, and only when, the outcome is {@code failed}
   * @param importMillis how long the last import took, or null when there was none
   */
  public record DatasourceState(
      String repository,
      String datasource,
      SemanticVersion installed,
      SemanticVersion previous,
      ReportOutcome outcome,
      SemanticVersion release,
      ErrorClass errorClass,
      Long importMillis,
      List<ConflictCount> conflicts) {

    public DatasourceState {
      conflicts = List.copyOf(conflicts);
    }
  }

  /** How many conflicts of one kind are open at the site; the kind sets the severity. */
  public record ConflictCount(ConflictKind kind, Severity severity, int count) {}

  public SiteReport {
    datasources = List.copyOf(datasources);
  }

  /** The report as sent: compact JSON in UTF-8. */
  public byte[] toBytes() {
    ObjectNode json = JSON.createObjectNode();
    json.put("format", FORMAT);
    json.put("site", site);
    json.put("label", label);
    json.put("sequence", sequence);
    json.put("sent", sent.toString());
    json.put("consumer_version", consumerVersion);
    ArrayNode list = json.putArray("datasources");
    for (DatasourceState d : datasources) {
      ObjectNode o = list.addObject();
      o.put("repository", d.repository());
      o.put("datasource", d.datasource());
      putVersion(o, "installed", d.installed());
      putVersion(o, "previous", d.previous());
      o.put("outcome", d.outcome().wireName());
      putVersion(o, "release", d.release());
      if (d.errorClass() != null) {
        o.put("error_class", d.errorClass().wireName());
      }
      if (d.importMillis() != null) {
        o.put("import_ms", d.importMillis());
      }
      ArrayNode conflicts = o.putArray("conflicts");
      for (ConflictCount c : d.conflicts()) {
        conflicts
            .addObject()
            .put("kind", c.kind().wireName())
            .put("severity", c.severity().wireName())
            .put("count", c.count());
      }
    }
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void putVersion(ObjectNode o, String field, SemanticVersion version) {
    if (version != null) {
      o.put(field, version.toString());
    }
  }

  /**
   * Reads a report as received.
   *
   * @throws InvalidReportException naming the field at fault, for anything but a report within the
   *     limits
   */
  public static SiteReport parse(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw new InvalidReportException(
          "a report is at most " + MAX_BYTES + " bytes, not " + body.length);
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidReportException("a report is a JSON object: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (json == null || !json.isObject()) {
      throw new InvalidReportException("a report is a JSON object");
    }
    allowOnly(
        json,
        "",
        Set.of("format", "site", "label", "sequence", "sent", "consumer_version", "datasources"));
    JsonNode format = json.get("format");
    if (format == null || !format.isInt() || format.intValue() != FORMAT) {
      throw new InvalidReportException("'format' must be " + FORMAT);
    }
    String site = matching(json, "site", IDENTITY, "32 lowercase hexadecimal digits");
    String label = label(json);
    JsonNode sequence = json.get("sequence");
    if (sequence == null
        || !sequence.canConvertToLong()
        || !sequence.isIntegralNumber()
        || sequence.longValue() < 1) {
      throw new InvalidReportException("'sequence' must be a whole number from 1");
    }
    Instant sent = instant(json, "sent");
    String version = matching(json, "consumer_version", VERSION_TEXT, "a version");
    JsonNode list = json.get("datasources");
    if (list == null || !list.isArray() || list.size() > MAX_DATASOURCES) {
      throw new InvalidReportException(
          "'datasources' must be a list of at most " + MAX_DATASOURCES);
    }
    List<DatasourceState> states = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      states.add(state(list.get(i), "datasources[" + i + "]"));
    }
    return new SiteReport(site, label, sequence.longValue(), sent, version, states);
  }

  private static String label(JsonNode json) {
    return SiteLabel.check(text(json, "label", ""), "label");
  }

  private static DatasourceState state(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw new InvalidReportException("'" + at + "' must be an object");
    }
    allowOnly(
        node,
        at + ".",
        Set.of(
            "repository",
            "datasource",
            "installed",
            "previous",
            "outcome",
            "release",
            "error_class",
            "import_ms",
            "conflicts"));
    String repository = matching(node, "repository", REPOSITORY, "a repository name", at);
    String datasource = text(node, "datasource", at);
    Names.DATASOURCE
        .check(datasource)
        .ifPresent(
            p -> {
              throw new InvalidReportException("'" + at + ".datasource': " + p);
            });
    ReportOutcome outcome =
        ReportOutcome.find(text(node, "outcome", at))
            .orElseThrow(
                () ->
                    new InvalidReportException(
                        "'"
                            + at
                            + ".outcome' must be imported, up_to_date, held, waiting,"
                            + " nothing_available or failed"));
    ErrorClass errorClass = null;
    if (node.has("error_class")) {
      errorClass =
          ErrorClass.find(text(node, "error_class", at))
              .orElseThrow(
                  () ->
                      new InvalidReportException(
                          "'"
                              + at
                              + ".error_class' must be verification, download, import,"
                              + " database or other"));
    }
    if ((errorClass != null) != (outcome == ReportOutcome.FAILED)) {
      throw new InvalidReportException(
          "'" + at + ".error_class' is given when, and only when, the outcome is failed");
    }
    Long importMillis = null;
    JsonNode millis = node.get("import_ms");
    if (millis != null) {
      if (!millis.isIntegralNumber()
          || !millis.canConvertToLong()
          || millis.longValue() < 0
          || millis.longValue() > MAX_IMPORT_MILLIS) {
        throw new InvalidReportException(
            "'" + at + ".import_ms' must be a whole number of milliseconds, at most a day");
      }
      importMillis = millis.longValue();
    }
    JsonNode conflicts = node.get("conflicts");
    if (conflicts == null || !conflicts.isArray() || conflicts.size() > MAX_CONFLICT_COUNTS) {
      throw new InvalidReportException(
          "'" + at + ".conflicts' must be a list of at most " + MAX_CONFLICT_COUNTS);
    }
    List<ConflictCount> counts = new ArrayList<>();
    for (int i = 0; i < conflicts.size(); i++) {
      counts.add(conflict(conflicts.get(i), at + ".conflicts[" + i + "]"));
    }
    return new DatasourceState(
        repository,
        datasource,
        version(node, "installed", at),
        version(node, "previous", at),
        outcome,
        version(node, "release", at),
        errorClass,
        importMillis,
        counts);
  }

  private static ConflictCount conflict(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw new InvalidReportException("'" + at + "' must be an object");
    }
    allowOnly(node, at + ".", Set.of("kind", "severity", "count"));
    ConflictKind kind =
        ConflictKind.find(text(node, "kind", at))
            .orElseThrow(() -> new InvalidReportException("'" + at + ".kind' is no conflict kind"));
    Severity severity =
        Severity.find(text(node, "severity", at))
            .orElseThrow(() -> new InvalidReportException("'" + at + ".severity' is no severity"));
    JsonNode count = node.get("count");
    if (count == null || !count.isInt() || count.intValue() < 1) {
      throw new InvalidReportException("'" + at + ".count' must be a whole number from 1");
    }
    return new ConflictCount(kind, severity, count.intValue());
  }

  private static SemanticVersion version(JsonNode node, String field, String at) {
    if (!node.has(field)) {
      return null;
    }
    String text = text(node, field, at);
    if (text.length() > MAX_VERSION) {
      throw new InvalidReportException(
          "'" + at + "." + field + "' is longer than " + MAX_VERSION + " characters");
    }
    return SemanticVersion.find(text)
        .orElseThrow(
            () -> new InvalidReportException("'" + at + "." + field + "' is not a version"));
  }

  private static Instant instant(JsonNode node, String field) {
    try {
      return Instant.parse(text(node, field, ""));
    } catch (DateTimeParseException e) {
      throw new InvalidReportException("'" + field + "' must be a UTC time");
    }
  }

  private static String matching(JsonNode node, String field, Pattern pattern, String what) {
    return matching(node, field, pattern, what, "");
  }

  private static String matching(
      JsonNode node, String field, Pattern pattern, String what, String at) {
    String text = text(node, field, at);
    if (!pattern.matcher(text).matches()) {
      throw new InvalidReportException("'" + name(at, field) + "' must be " + what);
    }
    return text;
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new InvalidReportException("'" + name(at, field) + "' must be a string");
    }
    return value.textValue();
  }

  private static String name(String at, String field) {
    return at.isEmpty() ? field : at + "." + field;
  }

  /** Refuses unknown fields: a report says nothing but what this format defines. */
  private static void allowOnly(JsonNode node, String at, Set<String> fields) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new InvalidReportException(
            "unknown field '"
                + at
                + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                + "'");
      }
    }
  }
}
