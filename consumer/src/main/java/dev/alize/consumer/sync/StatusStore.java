package dev.alize.consumer.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.alize.common.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The status of each repository and the admins' approvals, as JSON files in the data folder,
 * replaced in one rename.
 */
public final class StatusStore {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private final Path dir;

  public StatusStore(Path dataDir) {
    this.dir = dataDir;
  }

  public Path repositoryDir(String repository) {
    return dir.resolve("repositories").resolve(repository);
  }

  public RepositoryStatus read(String repository) {
    Path file = repositoryDir(repository).resolve("status.json");
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
    write(repositoryDir(repository).resolve("status.json"), status);
  }

  /** Approvals as {@code NAME VERSION}. */
  public Set<String> approvals() {
    Path file = dir.resolve("approvals.json");
    if (!Files.exists(file)) {
      return new TreeSet<>();
    }
    try {
      java.util.List<String> list = JSON.readerForListOf(String.class).readValue(file.toFile());
      return new TreeSet<>(list);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void approve(String datasource, String version) {
    Set<String> approvals = approvals();
    approvals.add(datasource + " " + version);
    write(dir.resolve("approvals.json"), approvals);
  }

  private static void write(Path file, Object value) {
    try {
      AtomicFiles.writeAtomically(file, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
