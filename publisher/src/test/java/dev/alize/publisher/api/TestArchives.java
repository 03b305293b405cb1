package dev.alize.publisher.api;

import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.datasource.DirectorySourceTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Upload bodies: datasources as archives, made as the publisher and as tar would, and hostile. */
final class TestArchives {

  private TestArchives() {}

  /** The datasource as the publisher archives it: files at the root. */
  static byte[] of(Path datasource) {
    return DeterministicArchive.write(new DirectorySourceTree(datasource));
  }

  /**
   * The datasource as {@code tar czf x.tgz -C parent NAME} makes it: one top-level folder, folder
   * entries before their files, real modes and times.
   */
  static byte[] likeTar(Path datasource) {
    String top = datasource.getFileName().toString();
    try (Stream<Path> walk = Files.walk(datasource)) {
      List<Path> paths = walk.sorted().toList();
      return tarGz(
          tar -> {
            for (Path p : paths) {
              String name = top + "/" + datasource.relativize(p).toString().replace('\\', '/');
              if (Files.isDirectory(p)) {
                TarArchiveEntry dir = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
                dir.setMode(040755);
                tar.putArchiveEntry(dir);
                tar.closeArchiveEntry();
              } else {
                TarArchiveEntry file = new TarArchiveEntry(p.toFile(), name);
                tar.putArchiveEntry(file);
                tar.write(Files.readAllBytes(p));
                tar.closeArchiveEntry();
              }
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The datasource's files, then one more entry {@code name} holding {@code content}. */
  static byte[] withExtraFile(Path datasource, String name, byte[] content) {
    return tarGz(
        tar -> {
          addFiles(tar, datasource);
          TarArchiveEntry entry = new TarArchiveEntry(name, true);
          entry.setSize(content.length);
          tar.putArchiveEntry(entry);
          tar.write(content);
          tar.closeArchiveEntry();
        });
  }

  /** The datasource's files, then a symbolic link {@code name} to {@code target}. */
  static byte[] withSymlink(Path datasource, String name, String target) {
    return tarGz(
        tar -> {
          addFiles(tar, datasource);
          TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          link.setLinkName(target);
          tar.putArchiveEntry(link);
          tar.closeArchiveEntry();
        });
  }

  /** {@code count} files of incompressible bytes, {@code each} bytes long. */
  static byte[] incompressible(int count, int each) {
    java.util.Random random = new java.util.Random(42);
    return tarGz(
        tar -> {
          for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[each];
            random.nextBytes(bytes);
            TarArchiveEntry entry = new TarArchiveEntry("noise/" + i + ".bin", true);
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
          }
        });
  }

  private static void addFiles(TarArchiveOutputStream tar, Path datasource) throws IOException {
    DirectorySourceTree tree = new DirectorySourceTree(datasource);
    for (String path : tree.files()) {
      byte[] bytes;
      try (var in = tree.open(path)) {
        bytes = in.readAllBytes();
      }
      TarArchiveEntry entry = new TarArchiveEntry(path, true);
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
  }

  private interface Writer {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static byte[] tarGz(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      writer.write(tar);
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
