package dev.alize.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample datasources of the repository, and copies of them to break. */
public final class SampleDatasources {

  /** Tests run in the publisher module's folder. */
  public static final Path EOLE = Path.of("../datasources/eole");

  public static final Path ACME = Path.of("../datasources/acme-monitoring");

  /** EOLE with the changes listed in src/test/resources/eole-next-README.md. */
  public static final Path EOLE_NEXT = Path.of("src/test/resources/eole-next");

  private SampleDatasources() {}

  /** Copies the datasource {@code from} into {@code to}, which must not exist. */
  public static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Files.copy(source, to.resolve(from.relativize(source).toString()));
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code old}, which must occur exactly once so that the sample cannot drift away. */
  public static void replace(Path file, String old, String now) {
    replace(file, old, now, StandardCharsets.UTF_8);
  }

  /** As {@link #replace(Path, String, String)}, writing the file back in {@code charset}. */
  public static void replace(Path file, String old, String now, Charset charset) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertEquals(1, count(text, old), () -> file + " should hold '" + old + "' once");
      Files.write(file, text.replace(old, now).getBytes(charset));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based line and column of {@code text}, which must occur once in the file. */
  public static int[] positionOf(Path file, String text) {
    try {
      // Latin-1 maps each byte to one char, so it reads a deliberately broken file too.
      List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      int[] found = null;
      int hits = 0;
      for (int i = 0; i < lines.size(); i++) {
        int column = lines.get(i).indexOf(text);
        if (column >= 0) {
          hits += count(lines.get(i), text);
          found = new int[] {i + 1, column + 1};
        }
      }
      assertEquals(1, hits, () -> file + " should hold '" + text + "' once");
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
