package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only file of JSON lines beside the served folders, so never served. Written inside the
 * repository lock, after the change it records took effect.
 */
public final class AuditLog {

  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
  }

  void append(AuditEntry entry) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("at", entry.at().toString());
    json.put("actor", entry.actor());
    json.put("action", entry.action());
    json.put("datasource", entry.datasource());
    json.put("version", entry.version());
    json.put("reason", entry.reason());
    if (entry.notes() != null) {
      json.put("notes", entry.notes());
    }
    ObjectNode meta = json.putObject("metadata");
    entry.before().forEach(meta.putObject("before")::put);
    entry.after().forEach(meta.putObject("after")::put);
    byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(
          file,
          line,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /**
   * Every entry, oldest first; an absent file is an empty log.
   *
   * @throws PublishException naming the line that is not an entry
   */
  public List<AuditEntry> read() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<AuditEntry> entries = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        try {
          entries.add(entry(StrictJson.parse(line.getBytes(StandardCharsets.UTF_8))));
        } catch (StrictJson.MalformedJsonException | DateTimeParseException e) {
          throw new PublishException(
              file + " line " + (i + 1) + ": not an audit entry: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return entries;
  }

  private static AuditEntry entry(JsonNode json) {
    return new AuditEntry(
        Instant.parse(json.path("at").asText()),
        json.path("actor").asText(),
        json.path("action").asText(),
        textOrNull(json, "datasource"),
        textOrNull(json, "version"),
        textOrNull(json, "reason"),
        versions(json.path("metadata").path("before")),
        versions(json.path("metadata").path("after")),
        textOrNull(json, "notes"));
  }

  private static String textOrNull(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, Long> versions(JsonNode node) {
    Map<String, Long> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }
}
