package dev.alize.publisher.repository;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.http.ServerSettings;
import dev.alize.publisher.keys.KeyDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The modes of a repository's files: the served ones as {@code --file-mode} says, after every
 * change and re-sign; the private keys their owner's only. Read by another user through util-linux
 * {@code setpriv}, as root, creating no user or group on the system.
 */
class FileModesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:30:00Z");
  private static final int NOBODY = 65534;

  @TempDir Path temp;

  private Path repo;
  private Path keyDir;
  private MutableClock clock;
  private KeyDirectory keys;

  @BeforeEach
  void setUp() {
    repo = temp.resolve("repo");
    keyDir = temp.resolve("keys");
    clock = new MutableClock(T0);
    keys = new KeyDirectory(keyDir, null);
  }

  private void init(FileMode mode) {
    RepositoryInitializer.init(
        repo, keys, RepositorySettings.DEFAULT.withFileMode(mode), Map.of(), "alice", clock);
  }

  private RepositoryEditor editor() {
    return new RepositoryEditor(repo, keys, clock);
  }

  private void releaseAcme() {
    editor()
        .release(
            new ReleaseRequest(
                new DirectorySourceTree(ACME),
                SemanticVersion.parse("1.0.0"),
                Channel.TESTING,
                Classification.STANDARD,
                null,
                null,
                null,
                "alice"));
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** Every file and folder under metadata/ and targets/, and the repository's folder. */
  private void assertServedModes(String file, String folder) throws IOException {
    assertEquals(folder, mode(repo), repo::toString);
    int files = 0;
    for (Path served : List.of(repo.resolve("metadata"), repo.resolve("targets"))) {
      try (Stream<Path> all = Files.walk(served)) {
        for (Path p : all.toList()) {
          assertEquals(Files.isDirectory(p) ? folder : file, mode(p), p::toString);
          files += Files.isRegularFile(p) ? 1 : 0;
        }
      }
    }
    assertTrue(files >= 5, "only " + files + " served files");
  }

  private void assertKeysOwnerOnly() throws IOException {
    try (Stream<Path> all = Files.walk(keyDir)) {
      for (Path p : all.toList()) {
        if (Files.isDirectory(p)) {
          assertEquals("rwx------", mode(p), p::toString);
        } else if (p.getFileName().toString().endsWith(".key.pem")
            || !p.getParent().getFileName().toString().equals("tls")) {
          assertEquals("rw-------", mode(p), p::toString);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "OWNER, rw-------, rwx------",
    "GROUP, rw-r-----, rwxr-x---",
    "ALL, rw-r--r--, rwxr-xr-x",
  })
  void servedFiles_keepTheConfiguredMode_afterInitReleaseAndResign(
      FileMode mode, String file, String folder) throws IOException {
    init(mode);
    ServerCertificates.loadOrCreate(
        keyDir.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, clock);
    assertServedModes(file, folder);
    assertKeysOwnerOnly();
    assertTrue(
        Files.readString(repo.resolve("alize-repository.json"))
            .contains("\"file_mode\":\"" + mode.label() + "\""));

    releaseAcme();
    assertTrue(Files.isDirectory(repo.resolve("targets/acme-monitoring")));
    assertServedModes(file, folder);

    String before = Files.readString(repo.resolve("metadata/timestamp.json"));
    clock.advance(Duration.ofHours(20));
    assertEquals(List.of("timestamp"), editor().refresh());
    assertNotEquals(before, Files.readString(repo.resolve("metadata/timestamp.json")));
    assertServedModes(file, folder);

    editor().rotateKey("timestamp", "alice");
    assertServedModes(file, folder);
    assertKeysOwnerOnly();
  }

  @Test
  void fileModeChange_ofAnOwnerRepository_setsEveryServedFile_andLaterWritesKeepIt()
      throws IOException {
    init(FileMode.OWNER);
    releaseAcme();

    FileModeChange.Result result = FileModeChange.apply(repo, FileMode.ALL, "alice", clock);

    assertEquals(new FileModeChange.Result(FileMode.OWNER, FileMode.ALL, 8), result);
    assertServedModes("rw-r--r--", "rwxr-xr-x");
    assertEquals(
        FileMode.ALL, RepositorySettings.read(repo.resolve("alize-repository.json")).fileMode());
    AuditEntry last = lastAudit();
    assertEquals("file-mode", last.action());
    assertEquals("served files readable by everyone", last.reason());
    assertEquals(last.before(), last.after());
    assertKeysOwnerOnly();

    clock.advance(Duration.ofHours(20));
    editor().refresh();
    assertServedModes("rw-r--r--", "rwxr-xr-x");
  }

  private AuditEntry lastAudit() {
    List<AuditEntry> entries = new AuditLog(repo.resolve("audit.log")).read();
    return entries.get(entries.size() - 1);
  }

  @Test
  void settingsWithoutAFileMode_areARepositoryForItsOwnerOnly() throws IOException {
    init(FileMode.ALL);
    Path settings = repo.resolve("alize-repository.json");
    Files.writeString(settings, Files.readString(settings).replace(",\"file_mode\":\"all\"", ""));
    assertEquals(FileMode.OWNER, RepositorySettings.read(settings).fileMode());

    clock.advance(Duration.ofHours(20));
    editor().refresh();
    assertEquals("rw-------", mode(repo.resolve("metadata/timestamp.json")));
  }

  @Test
  void settingsWithAnUnknownFileMode_refuseEveryChangeNamingTheFile() throws IOException {
    init(FileMode.ALL);
    Path settings = repo.resolve("alize-repository.json");
    Files.writeString(
        settings,
        Files.readString(settings).replace("\"file_mode\":\"all\"", "\"file_mode\":\"world\""));
    String before = Files.readString(repo.resolve("metadata/timestamp.json"));
    clock.advance(Duration.ofHours(20));

    PublishException e = assertThrows(PublishException.class, () -> editor().refresh());

    assertEquals(
        settings + ": file_mode 'world' is not a file mode: use owner, group, all", e.getMessage());
    assertEquals(before, Files.readString(repo.resolve("metadata/timestamp.json")));
  }

  // Another user, through setpriv

  private record Read(int exit, String out, String err) {}

  /** {@code cat file} as uid {@link #NOBODY}, with {@code gid} and no other group. */
  private Read readAs(int gid, Path file) throws IOException, InterruptedException {
    Path out = temp.resolve("reader.out");
    Path err = temp.resolve("reader.err");
    Process process =
        new ProcessBuilder(
                setpriv(),
                "--reuid=" + NOBODY,
                "--regid=" + gid,
                "--clear-groups",
                "cat",
                file.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "setpriv did not end");
    return new Read(
        process.exitValue(),
        Files.readString(out, StandardCharsets.ISO_8859_1),
        Files.readString(err, StandardCharsets.ISO_8859_1));
  }

  /** setpriv of util-linux, which these tests need: missing, they fail rather than pass unseen. */
  private static String setpriv() {
    List<String> searched = new ArrayList<>();
    for (String dir :
        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "setpriv");
      searched.add(candidate.toString());
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        "setpriv is missing (searched "
            + String.join(", ", searched)
            + "): install util-linux, whose setpriv these tests use to read the repository as"
            + " another user");
  }

  /** Only root may take another uid; the test suite runs as root. */
  private void requireRoot() throws IOException {
    Object uid = Files.getAttribute(temp, "unix:uid");
    if (!Integer.valueOf(0).equals(uid)) {
      fail("reading as another user with setpriv needs root; these tests run as uid " + uid);
    }
    // JUnit makes its folder for its owner only; others may pass through, not list it.
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
  }

  @Test
  void anotherUser_readsTheServedFilesOfAnAllRepository_butNoPrivateKey() throws Exception {
    setpriv();
    requireRoot();
    init(FileMode.ALL);
    releaseAcme();
    clock.advance(Duration.ofHours(20));
    editor().refresh();
    Path timestamp = repo.resolve("metadata/timestamp.json");
    Path archive;
    try (Stream<Path> files = Files.list(repo.resolve("targets/acme-monitoring"))) {
      archive = files.findFirst().orElseThrow();
    }
    Path tlsKey =
        ServerCertificates.loadOrCreate(
                keyDir.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, clock)
            .keyFile();
    Path timestampKey;
    try (Stream<Path> files = Files.list(keyDir.resolve("timestamp"))) {
      timestampKey = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }

    Read metadata = readAs(NOBODY, timestamp);
    assertEquals(0, metadata.exit(), metadata::err);
    assertEquals(Files.readString(timestamp, StandardCharsets.ISO_8859_1), metadata.out());
    Read target = readAs(NOBODY, archive);
    assertEquals(0, target.exit(), target::err);
    assertEquals(Files.size(archive), target.out().length());

    for (Path key : List.of(timestampKey, tlsKey)) {
      Read refused = readAs(NOBODY, key);
      assertNotEquals(0, refused.exit(), key::toString);
      assertEquals("", refused.out());
      assertTrue(refused.err().contains("Permission denied"), refused::err);
    }
  }

  @Test
  void aUserOfTheGroup_readsAGroupRepository_andAUserOfAnotherGroupDoesNot() throws Exception {
    setpriv();
    requireRoot();
    init(FileMode.GROUP);
    Path timestamp = repo.resolve("metadata/timestamp.json");
    int group = (Integer) Files.getAttribute(timestamp, "unix:gid");
    assertNotEquals(NOBODY, group);

    Read member = readAs(group, timestamp);
    assertEquals(0, member.exit(), member::err);
    assertEquals(Files.readString(timestamp, StandardCharsets.ISO_8859_1), member.out());

    Read other = readAs(NOBODY, timestamp);
    assertNotEquals(0, other.exit());
    assertTrue(other.err().contains("Permission denied"), other::err);
  }

  @Test
  void anotherUser_cannotReadTheServedFilesOfAnOwnerRepository() throws Exception {
    setpriv();
    requireRoot();
    init(FileMode.OWNER);
    Path timestamp = repo.resolve("metadata/timestamp.json");
    int group = (Integer) Files.getAttribute(timestamp, "unix:gid");

    Read member = readAs(group, timestamp);
    assertNotEquals(0, member.exit());
    assertTrue(member.err().contains("Permission denied"), member::err);
  }
}
