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

  /** Every entry, oldest first; an absent file is an empty log. */
  public List<AuditEntry> read() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<AuditEntry> entries = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode json = StrictJson.parse(line.getBytes(StandardCharsets.UTF_8));
        entries.add(
            new AuditEntry(
                Instant.parse(json.path("at").asText()),
                json.path("actor").asText(),
                json.path("action").asText(),
                textOrNull(json, "datasource"),
                textOrNull(json, "version"),
                textOrNull(json, "reason"),
                versions(json.path("metadata").path("before")),
                versions(json.path("metadata").path("after"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return entries;
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
