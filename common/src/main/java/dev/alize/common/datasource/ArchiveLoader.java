package dev.alize.common.datasource;

import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.SafeArchiveReader;
import dev.alize.common.codec.Hashes;
import dev.alize.common.yaml.YamlLimits;
import dev.alize.common.yaml.YamlMapping;
import dev.alize.common.yaml.YamlNode;
import dev.alize.common.yaml.YamlReader;
import dev.alize.common.yaml.YamlScalar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a datasource from its release archive a part at a time, so that a release far larger than
 * the memory of the process that imports it is still validated whole, exactly as {@link
 * DatasourceLoader} validates it, and its models handed over a part at a time.
 *
 * <p>The archive is read three times. First every file but the server models, which make the
 * <em>frame</em> (the datasource, its releases and services), and the name of the model each model
 * extends. Then the files of the models that others extend. Then the models in parts of bounded
 * size, each validated with the frame and the models it may extend. Every check of the format
 * concerns one model with the frame and its {@code extends} chain, so a part validates as it would
 * within the whole datasource. When the model files come to at most the bytes the loader may hold,
 * the first reading keeps them, and the archive is read once.
 */
public final class ArchiveLoader {

  /** Opens the archive anew for each reading. */
  @FunctionalInterface
  public interface Archive {
    InputStream open() throws IOException;
  }

  /**
   * The datasource without its models, validated.
   *
   * @param datasource the datasource, with its releases and services, and no models
   * @param context the files every part is validated with: all but the models', and the models that
   *     others extend
   * @param models how many model files the archive holds
   * @param digest the SHA-256 of every file but the models', which every model's source digest
   *     includes
   * @param parents each model file's parent's file, for the models that extend another
   * @param held every model file in archive order, kept by the first reading, or null when they
   *     came to more than the loader may hold and the archive is to be read again
   */
  public record Frame(
      Datasource datasource,
      Map<String, byte[]> context,
      int models,
      String digest,
      Map<String, String> parents,
      Map<String, byte[]> held) {

    /** This frame without the model files held, which a last reading no longer needs. */
    public Frame withoutHeld() {
      return new Frame(datasource, context, models, digest, parents, null);
    }
  }

  /**
   * A model file as the archive holds it, before it is loaded.
   *
   * @param path the file's path in the archive, {@code servermodels/RELEASE/NAME.yaml}
   * @param digest the SHA-256 of all its effective model depends on: the frame, its own file and
   *     the files of its {@code extends} chain
   */
  public record Source(String path, String release, String name, String digest) {}

  /**
   * A model loaded and validated, with the digest of its source (null when its chain is broken).
   */
  public record Loaded(EffectiveModel model, String sourceDigest) {}

  /** Where the models go, a part at a time. */
  public interface Parts {
    /**
     * Whether the model of this source is already known as it is: it is then neither parsed nor
     * handed over, since identical sources make an identical, already validated, model.
     */
    boolean known(Source source);

    void part(List<Loaded> models);
  }

  /** A top-level {@code extends: NAME} line, the usual spelling, read without parsing the file. */
  private static final Pattern EXTENDS_LINE =
      Pattern.compile(
          "(?m)^extends:[ \\t]+([A-Za-z0-9._-]+|\"[^\"\\n]*\"|'[^'\\n]*')[ \\t]*(#.*)?$");

  private final String label;
  private final Archive archive;
  private final SafeArchiveReader reader;
  private final YamlLimits yamlLimits;
  private final long partBytes;
  private final long heldBytes;

  /**
   * With the limits a consumer reads any archive within, parts of about 1 MiB of model files, and
   * the model files kept from the first reading up to an eighth of the heap (32 MiB for a
   * consumer's {@code sync} and 64 MiB for its {@code serve} with the launcher's heaps), so that a
   * release too large for it is still loaded a part at a time.
   *
   * @param label how files are named in problems, such as the archive's target path
   */
  public ArchiveLoader(String label, Archive archive) {
    this(
        label,
        archive,
        ArchiveLimits.DEFAULT,
        YamlLimits.DEFAULT,
        1L << 20,
        Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * @param label how files are named in problems, such as the archive's target path
   * @param partBytes the most bytes of model files in one part (at least one model per part)
   * @param heldBytes the most bytes of model files kept from the first reading to the last
   */
  public ArchiveLoader(
      String label,
      Archive archive,
      ArchiveLimits archiveLimits,
      YamlLimits yamlLimits,
      long partBytes,
      long heldBytes) {
    this.label = label;
    this.archive = archive;
    this.reader = new SafeArchiveReader(archiveLimits);
    this.yamlLimits = yamlLimits;
    this.partBytes = partBytes;
    this.heldBytes = heldBytes;
  }

  /**
   * Reads the frame and finds the models others extend.
   *
   * @throws InvalidDatasourceException listing the frame's problems
   * @throws dev.alize.common.archive.ArchiveException when the archive is not a safe tar.gz
   */
  public Frame frame() {
    Map<String, byte[]> context = new LinkedHashMap<>();
    Map<String, String> parents = new HashMap<>();
    int[] models = {0};
    Held held = new Held(heldBytes);
    read(
        (path, bytes) -> {
          if (FileKind.of(path).orElse(null) == FileKind.MODEL) {
            models[0]++;
            extendsOf(path, bytes).ifPresent(parent -> parents.put(path, sibling(path, parent)));
            held.add(path, bytes);
          } else {
            context.put(path, bytes);
          }
        });
    Datasource datasource = load(context);
    String digest = frameDigest(context);
    Set<String> extended = new HashSet<>(parents.values());
    SafeArchiveReader.FileVisitor extendedFiles =
        (path, bytes) -> {
          if (extended.contains(path)) {
            context.put(path, bytes);
          }
        };
    if (held.files != null) {
      held.files.forEach(extendedFiles::file);
    } else if (!extended.isEmpty()) {
      read(extendedFiles);
    }
    return new Frame(datasource, context, models[0], digest, parents, held.files);
  }

  /**
   * Hands over the models, validated, a part at a time, in archive order; those {@link Parts#known}
   * are skipped.
   *
   * @throws InvalidDatasourceException listing the problems of the first invalid part
   */
  public void models(Frame frame, Parts parts) {
    Map<String, byte[]> pending = new LinkedHashMap<>();
    Map<String, String> digests = new HashMap<>();
    long[] pendingBytes = {0};
    Map<String, String> chainDigests = new HashMap<>();
    // One part is parsed on a thread of its own while the previous one is handed over (written to
    // a database, typically): the two overlap on two cores. Parts are handed over in order, on the
    // caller's thread, and at most two are held at once.
    ExecutorService parser =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "alize-part-parser");
              t.setDaemon(true);
              return t;
            });
    List<Future<List<Loaded>>> inFlight = new ArrayList<>(1);
    try {
      SafeArchiveReader.FileVisitor modelFiles =
          (path, bytes) -> {
            if (FileKind.of(path).orElse(null) != FileKind.MODEL) {
              return;
            }
            String digest = sourceDigest(frame, path, bytes, chainDigests);
            if (digest != null
                && parts.known(
                    new Source(path, FileKind.folder(path), FileKind.stem(path), digest))) {
              return;
            }
            if (!pending.isEmpty() && pendingBytes[0] + bytes.length > partBytes) {
              submit(parser, inFlight, frame, pending, digests, parts);
              pending.clear();
              digests.clear();
              pendingBytes[0] = 0;
            }
            pending.put(path, bytes);
            digests.put(path, digest);
            pendingBytes[0] += bytes.length;
          };
      if (frame.held() != null) {
        frame.held().forEach(modelFiles::file);
      } else {
        read(modelFiles);
      }
      if (!pending.isEmpty()) {
        submit(parser, inFlight, frame, pending, digests, parts);
      }
      if (!inFlight.isEmpty()) {
        parts.part(await(inFlight.remove(0)));
      }
    } finally {
      parser.shutdownNow();
    }
  }

  /** The model files of the first reading, while they come to at most the bytes allowed. */
  private static final class Held {
    private final long limit;
    private long bytes;
    private Map<String, byte[]> files = new LinkedHashMap<>();

    Held(long limit) {
      this.limit = limit;
    }

    void add(String path, byte[] file) {
      if (files == null) {
        return;
      }
      bytes += file.length;
      if (bytes > limit) {
        // None is kept: the last reading reads them all again.
        files = null;
      } else {
        files.put(path, file);
      }
    }
  }

  /** Starts parsing a part, then hands over the one parsed before it. */
  private void submit(
      ExecutorService parser,
      List<Future<List<Loaded>>> inFlight,
      Frame frame,
      Map<String, byte[]> pending,
      Map<String, String> digests,
      Parts parts) {
    Map<String, byte[]> own = new LinkedHashMap<>(pending);
    Map<String, String> ownDigests = new HashMap<>(digests);
    Future<List<Loaded>> next = parser.submit(() -> loadPart(frame, own, ownDigests));
    if (!inFlight.isEmpty()) {
      parts.part(await(inFlight.remove(0)));
    }
    inFlight.add(next);
  }

  /** A part's models, or the exception its parsing threw, as if parsed on this thread. */
  private static List<Loaded> await(Future<List<Loaded>> part) {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a part was parsed", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The digest of a model's source: the frame's digest, the model's own path and bytes, then its
   * parent's source digest. Null when a parent is missing or the chain loops: such a model is
   * always loaded, which reports why.
   */
  private static String sourceDigest(
      Frame frame, String path, byte[] bytes, Map<String, String> known) {
    return sourceDigest(frame, path, bytes, known, new HashSet<>());
  }

  private static String sourceDigest(
      Frame frame, String path, byte[] bytes, Map<String, String> known, Set<String> visiting) {
    String cached = known.get(path);
    if (cached != null) {
      return cached;
    }
    if (bytes == null || !visiting.add(path)) {
      return null;
    }
    String parent = frame.parents().get(path);
    String parentDigest = "";
    if (parent != null) {
      parentDigest = sourceDigest(frame, parent, frame.context().get(parent), known, visiting);
      if (parentDigest == null) {
        return null;
      }
    }
    MessageDigest sha = Hashes.digest("SHA-256");
    sha.update(frame.digest().getBytes(StandardCharsets.US_ASCII));
    update(sha, path, bytes);
    sha.update(parentDigest.getBytes(StandardCharsets.US_ASCII));
    String digest = HexFormat.of().formatHex(sha.digest());
    if (frame.context().containsKey(path)) {
      // Models others extend: computed once for all their descendants.
      known.put(path, digest);
    }
    return digest;
  }

  /** The digest of every file but the models', in path order. */
  private static String frameDigest(Map<String, byte[]> files) {
    MessageDigest sha = Hashes.digest("SHA-256");
    new TreeMap<>(files).forEach((path, bytes) -> update(sha, path, bytes));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** A file into a digest, framed so that no two different files update it alike. */
  private static void update(MessageDigest sha, String path, byte[] bytes) {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(12).putInt(name.length).putLong(bytes.length).array());
    sha.update(name);
    sha.update(bytes);
  }

  /** The models of {@code own}, validated with the frame's context; the context's are left out. */
  private List<Loaded> loadPart(Frame frame, Map<String, byte[]> own, Map<String, String> digests) {
    Map<String, byte[]> files = new HashMap<>(frame.context());
    files.putAll(own);
    Datasource loaded = load(files);
    List<Loaded> out = new ArrayList<>(own.size());
    for (String path : own.keySet()) {
      loaded
          .findModel(FileKind.folder(path), FileKind.stem(path))
          .ifPresent(m -> out.add(new Loaded(m, digests.get(path))));
    }
    return out;
  }

  private Datasource load(Map<String, byte[]> files) {
    return new DatasourceLoader(yamlLimits).load(new MemorySourceTree(label, files)).orThrow();
  }

  private void read(SafeArchiveReader.FileVisitor visitor) {
    try (InputStream in = archive.open()) {
      reader.forEach(in, visitor);
    } catch (IOException e) {
      throw new UncheckedIOException(label + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The path of model {@code name} in the folder of the model at {@code path}. */
  private static String sibling(String path, String name) {
    return path.substring(0, path.lastIndexOf('/') + 1) + name + ".yaml";
  }

  /**
   * The model a model file extends. The usual top-level line is read as is; a file that mentions
   * {@code extends} any other way, or holds an escape (a double-quoted {@code "\x65xtends"} spells
   * the key without its letters), is parsed, so that no spelling YAML allows is missed. A file that
   * cannot be parsed extends nothing here: its part reports why.
   */
  private Optional<String> extendsOf(String path, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    boolean escaped = text.indexOf('\\') >= 0;
    int first = text.indexOf("extends");
    if (first < 0 && !escaped) {
      return Optional.empty();
    }
    Matcher line = EXTENDS_LINE.matcher(text);
    if (!escaped
        && first >= 0
        && line.find()
        && line.start() == first
        && text.indexOf("extends", first + "extends".length()) < 0) {
      String name = line.group(1);
      return Optional.of(
          name.startsWith("\"") || name.startsWith("'")
              ? name.substring(1, name.length() - 1)
              : name);
    }
    Optional<YamlNode> root = new YamlReader(yamlLimits).read(path, text).root();
    if (root.isPresent()
        && root.get() instanceof YamlMapping mapping
        && mapping.entries().get("extends") != null
        && mapping.entries().get("extends").value() instanceof YamlScalar scalar) {
      return Optional.of(scalar.text());
    }
    return Optional.empty();
  }
}
