package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.StrictJson;
import dev.alize.common.io.AtomicFiles;
import dev.alize.common.time.Periods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each role's metadata stays valid, chosen at {@code init} and kept beside the served
 * folders (never served).
 */
public record RepositorySettings(Map<String, Duration> expiry) {

  public static final RepositorySettings DEFAULT =
      new RepositorySettings(
          Map.of(
              "root", Duration.ofDays(365),
              "targets", Duration.ofDays(90),
              "snapshot", Duration.ofDays(7),
              "timestamp", Duration.ofDays(1)));

  public RepositorySettings {
    expiry = Map.copyOf(expiry);
    for (String role : new String[] {"root", "targets", "snapshot", "timestamp"}) {
      Duration d = expiry.get(role);
      if (d == null || d.isNegative() || d.isZero()) {
        throw new PublishException("the expiry period of " + role + " must be positive");
      }
    }
  }

  public Duration expiryOf(String role) {
    return expiry.get(role);
  }

  public RepositorySettings with(String role, Duration period) {
    Map<String, Duration> copy = new LinkedHashMap<>(expiry);
    copy.put(role, period);
    return new RepositorySettings(copy);
  }

  void write(Path file) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("format", 1);
    ObjectNode e = json.putObject("expiry");
    expiry.forEach((role, d) -> e.put(role, d.toString()));
    AtomicFiles.writeAtomically(file, CanonicalJson.encode(json));
  }

  static RepositorySettings read(Path file) {
    try {
      JsonNode json = StrictJson.parse(Files.readAllBytes(file));
      Map<String, Duration> expiry = new LinkedHashMap<>();
      json.path("expiry")
          .properties()
          .forEach(e -> expiry.put(e.getKey(), Duration.parse(e.getValue().asText())));
      return new RepositorySettings(expiry);
    } catch (IOException | RuntimeException e) {
      if (e instanceof PublishException p) {
        throw p;
      }
      throw new PublishException(file + " is missing or damaged: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a period as {@link Periods#FORMS} says.
   *
   * @throws PublishException naming the expected forms
   */
  public static Duration parsePeriod(String text) {
    return Periods.find(text)
        .orElseThrow(
            () -> new PublishException("'" + text + "' is not a period: write " + Periods.FORMS));
  }
}
