package dev.alize.publisher.cli;

import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.codec.Hashes;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.http.PublisherServer;
import dev.alize.publisher.http.ServerSettings;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.ReleaseRequest;
import dev.alize.publisher.repository.ReleaseResult;
import dev.alize.publisher.repository.RepositoryEditor;
import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tuf-js, the TUF client npm itself uses and that no one here wrote, refreshes the metadata of a
 * running publisher over HTTPS and downloads a datasource archive: proof that the repository is TUF
 * as others read it. The build installs tuf-js from the npm registry before this runs.
 */
class TufJsInteropIT {

  private static final Path CLIENT = Path.of("src/test/tuf-js/download.mjs");
  private static final String TARGET = "eole/eole-1.0.0.tar.gz";

  @TempDir Path temp;
  private Path repo;
  private RepositoryEditor editor;
  private ServerCertificate certificate;
  private PublisherServer server;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void publish() {
    repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    KeyDirectory keyDirectory = new KeyDirectory(keys, null);
    RepositoryInitializer.init(
        repo, keyDirectory, RepositorySettings.DEFAULT, Map.of(), "test", Clock.systemUTC());
    editor = new RepositoryEditor(repo, keyDirectory, Clock.systemUTC());
    certificate =
        ServerCertificates.loadOrCreate(
            keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    server = PublisherServer.start(new ServerSettings(repo, keys, "127.0.0.1", 0, certificate));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ReleaseResult release(Path datasource, String version) {
    return editor.release(
        new ReleaseRequest(
            new DirectorySourceTree(datasource),
            SemanticVersion.parse(version),
            Channel.STABLE,
            Classification.STANDARD,
            "line one\nline two",
            null,
            null,
            "test"));
  }

  /** Runs the tuf-js client with a fresh metadata folder trusting only version 1 of root. */
  private Run tufJs(String target) throws IOException, InterruptedException {
    String base = "https://127.0.0.1:" + server.port();
    Path work = Files.createTempDirectory(temp, "tuf-js");
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(CLIENT.toString());
    command.add(base + "/metadata");
    command.add(base + "/targets");
    command.add(repo.resolve("metadata/1.root.json").toString());
    command.add(work.resolve("metadata").toString());
    command.add(work.resolve("targets").toString());
    command.add(target);
    ProcessBuilder builder = new ProcessBuilder(command);
    // The publisher's pinned certificate is the only one node needs to trust here.
    builder.environment().put("NODE_EXTRA_CA_CERTS", certificate.certificateFile().toString());
    Path out = temp.resolve("out.txt");
    Path err = temp.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tuf-js did not finish in 120 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private JsonNode downloaded(Run run) throws IOException {
    assertEquals(0, run.exit(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void tufJs_downloadsAndVerifiesAReleasedArchive() throws Exception {
    ReleaseResult result = release(EOLE, "1.0.0");

    JsonNode answer = downloaded(tufJs(TARGET));

    byte[] bytes = Files.readAllBytes(Path.of(answer.path("path").asText()));
    assertEquals(result.hashes().get("sha256"), Hashes.sha256Hex(bytes));
    assertEquals(result.length(), bytes.length);
    assertEquals("1.0.0", answer.path("custom").path("version").asText());
    assertEquals("stable", answer.path("custom").path("channel").asText());
    assertEquals("line one\nline two", answer.path("custom").path("notes").asText());
  }

  @Test
  void tufJs_followsRootAndKeyRotations() throws Exception {
    release(EOLE, "1.0.0");
    editor.rotateKey("targets", "test");
    editor.rotateKey("timestamp", "test");
    editor.rotateKey("root", "test");

    JsonNode answer = downloaded(tufJs(TARGET));

    assertEquals("eole", answer.path("custom").path("datasource").asText());
  }

  @Test
  void tufJs_refusesATamperedArchive() throws Exception {
    ReleaseResult result = release(EOLE, "1.0.0");
    Path archive =
        repo.resolve("targets/eole/" + result.hashes().get("sha256") + ".eole-1.0.0.tar.gz");
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 2] ^= 1;
    Files.write(archive, bytes);

    Run run = tufJs(TARGET);

    assertNotEquals(0, run.exit(), run.out());
    assertTrue(run.err().contains("Expected hash " + result.hashes().get("sha256")), run.err());
  }

  @Test
  void tufJs_refusesMetadataSignedByAnUnknownKey() throws Exception {
    release(EOLE, "1.0.0");
    // A key folder of another repository signs this repository's timestamp: not root's key.
    Path otherKeys = temp.resolve("other-keys");
    RepositoryInitializer.init(
        temp.resolve("other-repo"),
        new KeyDirectory(otherKeys, null),
        RepositorySettings.DEFAULT,
        Map.of(),
        "test",
        Clock.systemUTC());
    Files.copy(
        temp.resolve("other-repo/metadata/timestamp.json"),
        repo.resolve("metadata/timestamp.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Run run = tufJs(TARGET);

    assertNotEquals(0, run.exit(), run.out());
    assertTrue(run.err().contains("timestamp was signed by 0/1 keys"), run.err());
  }
}
