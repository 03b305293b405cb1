package dev.alize.consumer.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.alize.common.io.AtomicFiles;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.update.StoreFingerprint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status of each repository as this instance polls it (attempts, errors, mirrors, conditional
 * request tags), as JSON files in the data folder, replaced in one rename. What is imported lives
 * in the database, shared by replicas.
 *
 * <p>A status that differs from the file only by its times (last attempt, last success, next
 * attempt) is kept in memory and written at most once per {@link #TIMES_WRITTEN_EVERY}: polls
 * closer together than that write no file. This process reads the newest; another one (the {@code
 * status} command) may read times that much older. A file written by another process is read again.
 */
@Singleton
public final class StatusStore {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  /** The status without its times, to tell whether anything else changed. */
  private static final ObjectMapper WITHOUT_TIMES =
      JSON.copy()
          .disable(SerializationFeature.INDENT_OUTPUT)
          .addMixIn(RepositoryStatus.class, WithoutTimes.class);

  @JsonIgnoreProperties({"lastAttempt", "lastSuccess", "nextAttempt"})
  private abstract static class WithoutTimes {}

  /** The longest the file's times may lag behind this process's. */
  static final Duration TIMES_WRITTEN_EVERY = Duration.ofMinutes(1);

  private final DataFolder folder;
  private final Clock clock;

  /** Per repository, its newest status and the file as this process last wrote it. */
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /**
   * @param status the newest status, as the bytes of its file: each caller is given a status of its
   *     own, read from them, with every field the file holds and only those
   * @param file the file's attributes after this process wrote it
   * @param unwritten whether {@code status} is newer than the file: only its times changed
   */
  private record Kept(
      byte[] status,
      byte[] withoutTimes,
      StoreFingerprint.Stamp file,
      Instant written,
      boolean unwritten) {}

  public StatusStore(DataFolder folder) {
    this(folder, Clock.systemUTC());
  }

  @Inject
  public StatusStore(DataFolder folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /** The data folder the statuses, trusted metadata and cached archives are in. */
  public DataFolder folder() {
    return folder;
  }

  /** Statuses as JSON, the form they are stored in, for machines that read them. */
  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RepositoryStatus read(String repository) {
    Path file = folder.status(repository);
    try {
      Kept last = kept.get(repository);
      if (last != null && StoreFingerprint.Stamp.of(file).equals(Optional.of(last.file()))) {
        return JSON.readValue(last.status(), RepositoryStatus.class);
      }
      if (!Files.exists(file)) {
        return new RepositoryStatus();
      }
      return JSON.readValue(file.toFile(), RepositoryStatus.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Saves {@code status}: in memory alone when only its times changed since this process wrote the
   * file, less than {@link #TIMES_WRITTEN_EVERY} ago, and no other process wrote it since.
   */
  public void write(String repository, RepositoryStatus status) {
    Path file = folder.status(repository);
    try {
      byte[] withoutTimes = WITHOUT_TIMES.writeValueAsBytes(status);
      Instant now = clock.instant();
      Kept last = kept.get(repository);
      if (last != null
          && Arrays.equals(last.withoutTimes(), withoutTimes)
          && now.isBefore(last.written().plus(TIMES_WRITTEN_EVERY))
          && StoreFingerprint.Stamp.of(file).equals(Optional.of(last.file()))) {
        kept.put(
            repository,
            new Kept(
                JSON.writeValueAsBytes(status), withoutTimes, last.file(), last.written(), true));
        return;
      }
      byte[] bytes = JSON.writeValueAsBytes(status);
      AtomicFiles.writeAtomically(file, bytes);
      Optional<StoreFingerprint.Stamp> written = StoreFingerprint.Stamp.of(file);
      if (written.isPresent()) {
        kept.put(repository, new Kept(bytes, withoutTimes, written.get(), now, false));
      } else {
        kept.remove(repository);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes the statuses whose newest times are in memory alone: before the process stops. */
  public void flush() {
    kept.forEach(
        (repository, last) -> {
          Path file = folder.status(repository);
          try {
            if (last.unwritten()
                && StoreFingerprint.Stamp.of(file).equals(Optional.of(last.file()))) {
              AtomicFiles.writeAtomically(file, last.status());
            }
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
          }
        });
    kept.clear();
  }
}
