package dev.alize.common.datasource;

import dev.alize.common.yaml.Position;
import dev.alize.common.yaml.YamlLimits;
import dev.alize.common.yaml.YamlNode;
import dev.alize.common.yaml.YamlReadResult;
import dev.alize.common.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads and validates a datasource, collecting every problem rather than stopping at the first.
 *
 * <p>Each file is read within the {@link YamlLimits} (its size is checked before its bytes are
 * read), decoded as strict UTF-8, scanned for private keys, parsed in safe mode, and checked
 * against the format; then references between files are resolved and every value is checked against
 * its variable's definition. See {@code datasources/README.md} for the format.
 */
public final class DatasourceLoader {

  private static final String DATASOURCE_FILE = "datasource.yaml";

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----");

  private final YamlLimits limits;
  private final YamlReader reader;

  public DatasourceLoader(YamlLimits limits) {
    this.limits = limits;
    this.reader = new YamlReader(limits);
  }

  public DatasourceLoader() {
    this(YamlLimits.DEFAULT);
  }

  public LoadResult load(Path directory) {
    return load(new DirectorySourceTree(directory));
  }

  /**
   * The name in the tree's {@code datasource.yaml}, read alone: cheap, and enough to tell which
   * datasource a tree is before it is loaded. Empty when that file is missing, too large or not
   * valid on its own.
   */
  public Optional<String> name(SourceTree tree) {
    try {
      if (tree.size(DATASOURCE_FILE) > limits.maxDocumentBytes()) {
        return Optional.empty();
      }
      byte[] bytes = readAtMost(tree, DATASOURCE_FILE, limits.maxDocumentBytes());
      return bytes == null
          ? Optional.empty()
          : load(new MemorySourceTree("", Map.of(DATASOURCE_FILE, bytes)))
              .datasource()
              .map(Datasource::name);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public LoadResult load(SourceTree tree) {
    return load(tree, Set.of());
  }

  /**
   * As {@link #load(SourceTree)}, but for the model files of {@code unread}: listed, their place in
   * the layout and their names against the others' where case is ignored checked, and neither read
   * nor in the datasource. For the models of a new release whose sources are, byte for byte, those
   * of a release already validated.
   */
  public LoadResult load(SourceTree tree, Set<String> unread) {
    Problems problems = new Problems(tree::shown);
    problems.addAll(tree.listingProblems());
    DocumentParser parser = new DocumentParser(problems, new ValueParser(problems));
    boolean sawDatasource = false;
    Map<String, String> folded = new HashMap<>();
    for (String file : tree.files()) {
      String first = folded.putIfAbsent(file.toLowerCase(Locale.ROOT), file);
      if (first != null) {
        problems.addWholeFile(
            file,
            "the same name as "
                + first
                + " where case is ignored (Windows, macOS): the two would be one file there");
        continue;
      }
      Optional<FileKind> kind = FileKind.of(file);
      if (kind.isEmpty()) {
        problems.addWholeFile(
            file,
            "unexpected file: a datasource holds datasource.yaml, releases/*.yaml,"
                + " services/[RELEASE/]*.yaml and servermodels/RELEASE/*.yaml");
        continue;
      }
      if (kind.get() == FileKind.README
          || (kind.get() == FileKind.MODEL && unread.contains(file))) {
        continue;
      }
      sawDatasource |= kind.get() == FileKind.DATASOURCE;
      parser.parse(kind.get(), file, read(tree, file, problems));
    }
    if (!sawDatasource && tree.listingProblems().isEmpty()) {
      problems.addWholeFile("datasource.yaml", "missing: every datasource has a datasource.yaml");
    }
    Optional<Datasource> datasource = new DatasourceLinker(parser, problems).link();
    return new LoadResult(problems.isEmpty() ? datasource : Optional.empty(), problems.sorted());
  }

  private Optional<YamlNode> read(SourceTree tree, String file, Problems problems) {
    byte[] bytes;
    try {
      long size = tree.size(file);
      if (size > limits.maxDocumentBytes()) {
        problems.addWholeFile(file, tooLarge());
        return Optional.empty();
      }
      bytes = readAtMost(tree, file, limits.maxDocumentBytes());
    } catch (IOException e) {
      problems.addWholeFile(file, "cannot be read: " + e.getMessage());
      return Optional.empty();
    }
    if (bytes == null) {
      problems.addWholeFile(file, tooLarge());
      return Optional.empty();
    }
    Optional<String> text = decode(file, bytes, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    scanForPrivateKeys(file, text.get(), problems);
    YamlReadResult result = reader.read(problems.shown(file), text.get());
    problems.addAll(result.problems());
    return result.root();
  }

  private String tooLarge() {
    return "file is larger than the limit of " + limits.maxDocumentBytes() + " bytes";
  }

  /** The whole file, or null as soon as it proves longer than {@code max}. */
  private static byte[] readAtMost(SourceTree tree, String file, long max) throws IOException {
    try (InputStream in = tree.open(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      return bytes.length > max ? null : bytes;
    }
  }

  private static Optional<String> decode(String file, byte[] bytes, Problems problems) {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      problems.add(file, positionOf(bytes, in.position()), "file is not valid UTF-8");
      return Optional.empty();
    }
    decoder.flush(out);
    return Optional.of(out.flip().toString());
  }

  private static Position positionOf(byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, offset - lineStart + 1);
  }

  private static void scanForPrivateKeys(String file, String text, Problems problems) {
    Matcher matcher = PRIVATE_KEY.matcher(text);
    // Lines are counted on from the previous match, never again from the start.
    int line = 1;
    int lineStart = 0;
    int counted = 0;
    while (matcher.find()) {
      for (; counted < matcher.start(); counted++) {
        if (text.charAt(counted) == '\n') {
          line++;
          lineStart = counted + 1;
        }
      }
      problems.add(
          file,
          new Position(line, matcher.start() - lineStart + 1),
          "a private key block is in this file: secrets never belong in a datasource; remove it"
              + " and rotate that key");
    }
  }
}
