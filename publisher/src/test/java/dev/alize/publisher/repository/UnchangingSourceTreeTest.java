package dev.alize.publisher.repository;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.datasource.SourceTree;
import dev.alize.common.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of a release read again: the same bytes, or a refusal that names the file. */
class UnchangingSourceTreeTest {

  @TempDir Path temp;

  /** A folder's tree that records every file it opens. */
  private static final class Counting implements SourceTree {
    private final DirectorySourceTree folder;
    private final List<String> opened = new ArrayList<>();

    Counting(Path root) {
      folder = new DirectorySourceTree(root);
    }

    @Override
    public List<String> files() {
      return folder.files();
    }

    @Override
    public List<Problem> listingProblems() {
      return folder.listingProblems();
    }

    @Override
    public String shown(String path) {
      return folder.shown(path);
    }

    @Override
    public long size(String path) throws IOException {
      return folder.size(path);
    }

    @Override
    public InputStream open(String path) throws IOException {
      opened.add(path);
      return folder.open(path);
    }
  }

  private static byte[] read(SourceTree tree, String path) throws IOException {
    try (InputStream in = tree.open(path)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aFileReadAgainAsItWas_readsTheSame() throws IOException {
    Files.writeString(temp.resolve("datasource.yaml"), "name: eole\n");
    Files.writeString(temp.resolve("README.md"), "Read me.\n");
    Counting source = new Counting(temp);
    UnchangingSourceTree tree = new UnchangingSourceTree(source);

    assertEquals(11, tree.size("datasource.yaml"));
    assertArrayEquals("name: eole\n".getBytes(UTF_8), read(tree, "datasource.yaml"));
    assertArrayEquals("name: eole\n".getBytes(UTF_8), read(tree, "datasource.yaml"));
    assertArrayEquals("Read me.\n".getBytes(UTF_8), read(tree, "README.md"));

    assertEquals(List.of("datasource.yaml", "datasource.yaml", "README.md"), source.opened);
    assertEquals(source.files(), tree.files());
    assertEquals(source.shown("README.md"), tree.shown("README.md"));
  }

  @Test
  void aFileThatChangedSinceItWasRead_isRefusedNamingIt() throws IOException {
    Files.writeString(temp.resolve("datasource.yaml"), "name: eole\n");
    UnchangingSourceTree tree = new UnchangingSourceTree(new Counting(temp));
    read(tree, "datasource.yaml");
    Files.writeString(temp.resolve("datasource.yaml"), "name: changed since\n");

    PublishException e = assertThrows(PublishException.class, () -> read(tree, "datasource.yaml"));
    assertEquals(PublishException.Kind.CONFLICT, e.kind());
    assertEquals(
        temp.resolve("datasource.yaml")
            + " changed while it was being released; nothing was published: release it again once"
            + " it no longer changes",
        e.getMessage());
  }

  @Test
  void aFileReadInPart_isNotTheReadItIsComparedWith() throws IOException {
    Files.writeString(temp.resolve("datasource.yaml"), "name: eole\n");
    UnchangingSourceTree tree = new UnchangingSourceTree(new Counting(temp));
    try (InputStream in = tree.open("datasource.yaml")) {
      assertEquals('n', in.read());
    }
    Files.writeString(temp.resolve("datasource.yaml"), "name: changed since\n");
    assertArrayEquals("name: changed since\n".getBytes(UTF_8), read(tree, "datasource.yaml"));
  }

  @Test
  void open_aFileTheSourceCannotRead_throwsItsIOException() {
    UnchangingSourceTree tree = new UnchangingSourceTree(new Counting(temp));
    assertThrows(NoSuchFileException.class, () -> tree.open("datasource.yaml"));
  }
}
