package dev.alize.common.diff;

import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.datasource.ArchiveLoader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.yaml.YamlLimits;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The release a new one is compared with, read from its archive without parsing the models the new
 * one holds unchanged. A model's source digest covers every file but the models', its own file and
 * the files of its {@code extends} chain, byte for byte: two models of equal digests are the same
 * effective model, so the new release's stands in for the previous one's, and only the models whose
 * sources differ are parsed. A release that changes a hundred models of 10,000 parses a hundred of
 * the previous release's rather than all of them. Release and model names hold no slash.
 */
public final class PreviousRelease {

  /** The most bytes of model files parsed together. */
  private static final long PART_BYTES = 1 << 20;

  private final ArchiveLoader loader;
  private final ArchiveLoader.Frame frame;

  private PreviousRelease(ArchiveLoader loader, ArchiveLoader.Frame frame) {
    this.loader = loader;
    this.frame = frame;
  }

  /**
   * Reads the archive's frame: the datasource with its releases and services, validated.
   *
   * @param label how its files are named in problems, such as the archive's target path
   * @throws dev.alize.common.datasource.InvalidDatasourceException when the frame is not valid
   * @throws dev.alize.common.archive.ArchiveException when the archive is not a safe tar.gz
   */
  public static PreviousRelease read(String label, byte[] archive) {
    ArchiveLoader loader = loader(label, archive);
    return new PreviousRelease(loader, loader.frame());
  }

  /** The datasource's name, as the archive's {@code datasource.yaml} gives it. */
  public String name() {
    return frame.datasource().name();
  }

  /**
   * Reads the models of the previous release whose sources differ from {@code nextArchive}'s; those
   * of equal sources are left for the new release to give. Needs the new release's archive only, so
   * that it runs while the new release itself is still being validated.
   *
   * @param nextArchive the new release's archive, made of the very files the new release is loaded
   *     from
   * @throws dev.alize.common.datasource.InvalidDatasourceException when a model to read is not
   *     valid
   * @throws dev.alize.common.archive.ArchiveException when the new archive is not a safe tar.gz
   */
  public Compared compare(byte[] nextArchive) {
    Map<String, String> nextDigests = sourceDigests(nextArchive);
    Map<String, Map<String, EffectiveModel>> read = new HashMap<>();
    Set<String> same = new HashSet<>();
    loader.models(
        frame,
        new ArchiveLoader.Parts() {
          @Override
          public boolean known(ArchiveLoader.Source source) {
            String key = key(source.release(), source.name());
            boolean equal = source.digest().equals(nextDigests.get(key));
            if (equal) {
              same.add(key);
            }
            return equal;
          }

          @Override
          public void part(List<ArchiveLoader.Loaded> loaded) {
            loaded.forEach(l -> put(read, l.model()));
          }
        });
    return new Compared(frame.datasource(), read, same);
  }

  /** The previous release, compared with a new one's archive. */
  public static final class Compared {
    private final Datasource frame;
    private final Map<String, Map<String, EffectiveModel>> read;
    private final Set<String> same;

    private Compared(
        Datasource frame, Map<String, Map<String, EffectiveModel>> read, Set<String> same) {
      this.frame = frame;
      this.read = read;
      this.same = same;
    }

    /**
     * The previous release's datasource: its models of sources unchanged are {@code next}'s own.
     *
     * @param next the new release, loaded from the files of the archive it was compared with
     * @throws IllegalArgumentException when {@code next} lacks a model of that archive
     */
    public Datasource datasource(Datasource next) {
      Map<String, Map<String, EffectiveModel>> models = new HashMap<>();
      read.values().forEach(m -> m.values().forEach(model -> put(models, model)));
      for (String key : same) {
        int slash = key.indexOf('/');
        EffectiveModel model =
            next.findModel(key.substring(0, slash), key.substring(slash + 1))
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            key + " is in the archive compared with, not in the new release"));
        put(models, model);
      }
      return new Datasource(frame.info(), frame.releases(), frame.services(), models);
    }
  }

  /** The source digest of each model of an archive, by release and name; none is parsed. */
  private static Map<String, String> sourceDigests(byte[] archive) {
    ArchiveLoader loader = loader("the new release", archive);
    Map<String, String> digests = new HashMap<>();
    loader.models(
        loader.frame(),
        new ArchiveLoader.Parts() {
          @Override
          public boolean known(ArchiveLoader.Source source) {
            digests.put(key(source.release(), source.name()), source.digest());
            return true;
          }

          @Override
          public void part(List<ArchiveLoader.Loaded> models) {
            // Every model of a valid release has a digest, and is known: none is parsed.
          }
        });
    return digests;
  }

  private static ArchiveLoader loader(String label, byte[] archive) {
    // The model files are kept from the first reading up to an eighth of the heap, as an import
    // keeps them; a larger release is gunzipped again from the bytes in memory.
    return new ArchiveLoader(
        label,
        () -> new ByteArrayInputStream(archive),
        ArchiveLimits.DEFAULT,
        YamlLimits.DEFAULT,
        PART_BYTES,
        Runtime.getRuntime().maxMemory() / 8);
  }

  private static void put(Map<String, Map<String, EffectiveModel>> models, EffectiveModel model) {
    models.computeIfAbsent(model.release(), r -> new HashMap<>()).put(model.name(), model);
  }

  private static String key(String release, String model) {
    return release + "/" + model;
  }
}
