package dev.alize.consumer.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.alize.common.io.AtomicFiles;
import dev.alize.consumer.config.DataFolder;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The status of each repository as this instance polls it (attempts, errors, mirrors, conditional
 * request tags), as JSON files in the data folder, replaced in one rename. What is imported lives
 * in the database, shared by replicas.
 */
@Singleton
public final class StatusStore {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private final DataFolder folder;

  public StatusStore(DataFolder folder) {
    this.folder = folder;
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
    if (!Files.exists(file)) {
      return new RepositoryStatus();
    }
    try {
      return JSON.readValue(file.toFile(), RepositoryStatus.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void write(String repository, RepositoryStatus status) {
    write(folder.status(repository), status);
  }

  private static void write(Path file, Object value) {
    try {
      AtomicFiles.writeAtomically(file, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
