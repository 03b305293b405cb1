package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.StrictJson;
import dev.alize.common.io.AtomicFiles;
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
 *
 * <p>A change that takes effect by replacing one file states its entry first in {@code
 * audit.log.pending}: when the process is killed between the switch-over and the append, the next
 * change {@link #settle settles} it, so that every change that took effect is recorded once.
 */
public final class AuditLog {

  private final Path file;
  private final Path pending;

  public AuditLog(Path file) {
    this.file = file;
    this.pending = file.resolveSibling(file.getFileName() + ".pending");
  }

  void append(AuditEntry entry) {
    append(line(entry));
  }

  /** States the entry of a change about to take effect: see {@link #settle}. */
  void intend(AuditEntry entry) {
    AtomicFiles.writeAtomically(pending, line(entry));
  }

  /** Records the change stated by {@link #intend}, now that it has taken effect. */
  void commit() {
    append(read(pending));
    delete(pending);
  }

  /**
   * Records a change stated but left unrecorded by a killed process when it took effect, that is
   * when the repository serves the versions it names, and forgets it otherwise.
   */
  void settle(Map<String, Long> served) {
    if (!Files.exists(pending)) {
      return;
    }
    byte[] line = read(pending);
    AuditEntry entry = parse(new String(line, StandardCharsets.UTF_8).strip(), pending, 1);
    List<AuditEntry> entries = read();
    boolean recorded = !entries.isEmpty() && entries.get(entries.size() - 1).equals(entry);
    if (entry.after().equals(served) && !recorded) {
      append(line);
    }
    delete(pending);
  }

  private static byte[] line(AuditEntry entry) {
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
    return (json + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private void append(byte[] line) {
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
        entries.add(parse(line, file, i + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return entries;
  }

  private static AuditEntry parse(String line, Path file, int number) {
    try {
      return entry(StrictJson.parse(line.getBytes(StandardCharsets.UTF_8)));
    } catch (StrictJson.MalformedJsonException | DateTimeParseException e) {
      throw new PublishException(
          file + " line " + number + ": not an audit entry: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
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
