package dev.alize.publisher.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the newest metadata of each top-level role expires ({@code signed.expires}), read from the
 * repository's {@code metadata/} folder. The newest is the highest version {@code N.role.json},
 * then the unversioned {@code role.json}; a file that does not parse is skipped. Results are kept
 * per file until the file changes, so that frequent scrapes cost a directory listing.
 */
public final class MetadataExpiries {

  public static final List<String> ROLES = List.of("root", "targets", "snapshot", "timestamp");

  private static final Pattern NAME =
      Pattern.compile("(?:([0-9]{1,18})\\.)?(root|targets|snapshot|timestamp)\\.json");

  /** Metadata is small; a larger file is not read into memory for a gauge. */
  private static final long MAX_BYTES = 16L << 20;

  /** Old versions accumulate over the years; past this the cache starts over. */
  private static final int MAX_ENTRIES = 1_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Candidate(Path file, long version) {}

  private record Parsed(long size, FileTime modified, OptionalLong expires) {}

  private final Path metadataDir;
  private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

  public MetadataExpiries(Path metadataDir) {
    this.metadataDir = metadataDir;
  }

  /** The expiry of {@code role}'s newest readable metadata, in seconds since the epoch. */
  public OptionalLong expiresEpochSeconds(String role) {
    List<Candidate> candidates = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(metadataDir)) {
      for (Path file : files) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches() && m.group(2).equals(role)) {
          candidates.add(new Candidate(file, m.group(1) == null ? -1 : Long.parseLong(m.group(1))));
        }
      }
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    candidates.sort(Comparator.comparingLong(Candidate::version).reversed());
    for (Candidate candidate : candidates) {
      OptionalLong expires = read(candidate.file());
      if (expires.isPresent()) {
        return expires;
      }
    }
    return OptionalLong.empty();
  }

  private OptionalLong read(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    Parsed known = parsed.get(file);
    if (known != null
        && known.size() == attributes.size()
        && known.modified().equals(attributes.lastModifiedTime())) {
      return known.expires();
    }
    OptionalLong expires =
        attributes.isRegularFile() ? parse(file, attributes.size()) : OptionalLong.empty();
    if (parsed.size() >= MAX_ENTRIES) {
      parsed.clear();
    }
    parsed.put(file, new Parsed(attributes.size(), attributes.lastModifiedTime(), expires));
    return expires;
  }

  private static OptionalLong parse(Path file, long size) {
    if (size > MAX_BYTES) {
      return OptionalLong.empty();
    }
    try {
      JsonNode expires = JSON.readTree(Files.readAllBytes(file)).path("signed").path("expires");
      return expires.isTextual()
          ? OptionalLong.of(Instant.parse(expires.textValue()).getEpochSecond())
          : OptionalLong.empty();
    } catch (IOException | DateTimeException e) {
      return OptionalLong.empty();
    }
  }
}
