package dev.alize.common.diff;

import dev.alize.common.datasource.ArchiveLoader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The release a new one is compared with, read from its archive. A model's source digest covers
 * every file but the models', the model's own file and the files of its {@code extends} chain, byte
 * for byte: a model of equal digests in both releases is the same effective model, validated when
 * the previous release was made, and unchanged. Neither release's copy of it is validated nor
 * compared, unless it is extended by a model that changed, which is validated with it. A release
 * that changes a hundred models of 10,000 parses and validates those hundred and the models they
 * extend, in each release, rather than all of them.
 */
public final class PreviousRelease {

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

  /**
   * Compares the sources of this release's models with those of a new release's archive; no model
   * is parsed.
   *
   * @param nextArchive the new release's archive, made of the very files the new release is loaded
   *     from
   * @throws dev.alize.common.datasource.InvalidDatasourceException when the new archive's frame is
   *     not valid
   * @throws dev.alize.common.archive.ArchiveException when the new archive is not a safe tar.gz
   */
  public Comparison compare(byte[] nextArchive) {
    ArchiveLoader nextLoader = loader("the new release", nextArchive);
    ArchiveLoader.Frame nextFrame = nextLoader.frame();
    if (!nextFrame.digest().equals(frame.digest())) {
      // Every model's sources include every file but the models': none is unchanged.
      return new Comparison(Set.of(), Set.of(), Set.of());
    }
    Map<String, ArchiveLoader.Source> next = sources(nextLoader, nextFrame);
    Map<String, ArchiveLoader.Source> previous = sources(loader, frame);
    if (next == null || previous == null) {
      return new Comparison(Set.of(), Set.of(), Set.of());
    }
    Set<String> unchanged = new HashSet<>();
    Set<String> unchangedModels = new HashSet<>();
    next.forEach(
        (path, source) -> {
          if (source.equals(previous.get(path))) {
            unchanged.add(path);
            unchangedModels.add(key(source.release(), source.name()));
          }
        });
    // A changed model is validated with its extends chain, which is read even when unchanged.
    Set<String> unread = new HashSet<>(unchanged);
    for (String path : next.keySet()) {
      if (!unchanged.contains(path)) {
        String parent = nextFrame.parents().get(path);
        while (parent != null && unread.remove(parent)) {
          parent = nextFrame.parents().get(parent);
        }
      }
    }
    return new Comparison(unchanged, unchangedModels, unread);
  }

  /** The two releases' model sources, compared. */
  public final class Comparison {
    private final Set<String> unchanged;
    private final Set<String> unchangedModels;
    private final Set<String> unread;

    private Comparison(Set<String> unchanged, Set<String> unchangedModels, Set<String> unread) {
      this.unchanged = unchanged;
      this.unchangedModels = unchangedModels;
      this.unread = unread;
    }

    /** The paths of the models whose sources are the same in both releases. */
    public Set<String> unchanged() {
      return Set.copyOf(unchanged);
    }

    /**
     * The paths of the new release's model files that need not be read: unchanged, and extended by
     * no model that changed.
     */
    public Set<String> unread() {
      return Set.copyOf(unread);
    }

    /**
     * The previous release with only its models whose sources changed, parsed and validated now.
     *
     * @throws dev.alize.common.datasource.InvalidDatasourceException when one is not valid
     */
    public Datasource previous() {
      Map<String, Map<String, EffectiveModel>> models = new HashMap<>();
      loader.models(
          frame,
          new ArchiveLoader.Parts() {
            @Override
            public boolean known(ArchiveLoader.Source source) {
              return unchanged.contains(source.path());
            }

            @Override
            public void part(List<ArchiveLoader.Loaded> loaded) {
              loaded.forEach(l -> put(models, l.model()));
            }
          });
      Datasource d = frame.datasource();
      return new Datasource(d.info(), d.releases(), d.services(), models);
    }

    /** {@code next} without its models whose sources are unchanged. */
    public Datasource changed(Datasource next) {
      Map<String, Map<String, EffectiveModel>> models = new HashMap<>();
      next.models()
          .values()
          .forEach(
              m ->
                  m.values().stream()
                      .filter(
                          model -> !unchangedModels.contains(key(model.release(), model.name())))
                      .forEach(model -> put(models, model)));
      return new Datasource(next.info(), next.releases(), next.services(), models);
    }
  }

  /**
   * The source of each model of an archive, by path; none is parsed but those without a digest (an
   * {@code extends} that names no file of the archive), whose parsing throws why. Null when such a
   * model proves valid after all: its digest misses its parent, and no model is then compared by
   * its sources.
   */
  private static Map<String, ArchiveLoader.Source> sources(
      ArchiveLoader loader, ArchiveLoader.Frame frame) {
    Map<String, ArchiveLoader.Source> sources = new HashMap<>();
    boolean[] undigested = {false};
    loader.models(
        frame,
        new ArchiveLoader.Parts() {
          @Override
          public boolean known(ArchiveLoader.Source source) {
            sources.put(source.path(), source);
            return true;
          }

          @Override
          public void part(List<ArchiveLoader.Loaded> models) {
            undigested[0] |= !models.isEmpty();
          }
        });
    return undigested[0] ? null : sources;
  }

  private static ArchiveLoader loader(String label, byte[] archive) {
    return new ArchiveLoader(label, () -> new ByteArrayInputStream(archive));
  }

  private static void put(Map<String, Map<String, EffectiveModel>> models, EffectiveModel model) {
    models.computeIfAbsent(model.release(), r -> new HashMap<>()).put(model.name(), model);
  }

  private static String key(String release, String model) {
    return release + "/" + model;
  }
}
