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
 * How long each role's metadata stays valid, and who may read the served files, chosen at {@code
 * init} and kept beside the served folders (never served), so that every later command and re-sign
 * follows them.
 */
public record RepositorySettings(Map<String, Duration> expiry, FileMode fileMode) {

  public static final RepositorySettings DEFAULT =
      new RepositorySettings(
          Map.of(
              "root", Duration.ofDays(365),
              "targets", Duration.ofDays(90),
              "snapshot", Duration.ofDays(7),
              "timestamp", Duration.ofDays(1)),
          FileMode.OWNER);

  public RepositorySettings {
    expiry = Map.copyOf(expiry);
    if (fileMode == null) {
      throw new PublishException("the file mode of a repository must be set");
    }
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
    return new RepositorySettings(copy, fileMode);
  }

  public RepositorySettings withFileMode(FileMode mode) {
    return new RepositorySettings(expiry, mode);
  }

  void write(Path file) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("format", 1);
    ObjectNode e = json.putObject("expiry");
    expiry.forEach((role, d) -> e.put(role, d.toString()));
    json.put("file_mode", fileMode.label());
    AtomicFiles.writeAtomically(file, CanonicalJson.encode(json));
  }

  static RepositorySettings read(Path file) {
    try {
      JsonNode json = StrictJson.parse(Files.readAllBytes(file));
      Map<String, Duration> expiry = new LinkedHashMap<>();
      json.path("expiry")
          .properties()
          .forEach(e -> expiry.put(e.getKey(), Duration.parse(e.getValue().asText())));
      // Repositories made before file modes existed wrote every file for their owner only.
      JsonNode mode = json.path("file_mode");
      FileMode fileMode;
      try {
        fileMode = mode.isMissingNode() ? FileMode.OWNER : FileMode.parse(mode.asText());
      } catch (PublishException e) {
        throw new PublishException(file + ": file_mode " + e.getMessage(), e);
      }
      return new RepositorySettings(expiry, fileMode);
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
