package dev.alize.consumer.console;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.store.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The first step of a new child model: its upstream parent chosen by datasource, then release, then
 * model, each list narrowed by the choice before it so that the form works without a script. Only
 * active models are offered: a withdrawn one cannot be a parent.
 *
 * @param datasource the datasource chosen, or null
 * @param release the release chosen, or null
 * @param unknown what was asked for and is not among the models, or null
 */
public record ParentChoice(
    List<String> datasources,
    String datasource,
    List<String> releases,
    String release,
    List<ModelSummary> models,
    String unknown) {

  static ParentChoice of(List<ModelSummary> all, String datasource, String release, String model) {
    List<ModelSummary> active = all.stream().filter(m -> m.status().equals("active")).toList();
    List<String> datasources =
        new ArrayList<>(new TreeSet<>(active.stream().map(ModelSummary::datasource).toList()));
    String unknown = null;
    if (datasource == null && datasources.size() == 1) {
      datasource = datasources.get(0);
    } else if (datasource != null && !datasources.contains(datasource)) {
      unknown = "datasource " + datasource;
      datasource = null;
    }
    String chosen = datasource;
    List<String> releases =
        new ArrayList<>(
            new TreeSet<>(
                active.stream()
                    .filter(m -> m.datasource().equals(chosen))
                    .map(ModelSummary::release)
                    .toList()));
    if (release != null && !releases.contains(release)) {
      unknown = unknown != null ? unknown : "release " + datasource + "/" + release;
      release = null;
    }
    String chosenRelease = release;
    List<ModelSummary> models =
        active.stream()
            .filter(m -> m.datasource().equals(chosen) && m.release().equals(chosenRelease))
            .toList();
    if (model != null
        && unknown == null
        && models.stream().noneMatch(m -> m.name().equals(model))) {
      unknown = "model " + datasource + "/" + release + "/" + model;
    }
    return new ParentChoice(datasources, datasource, releases, release, models, unknown);
  }

  /** The parent chosen, when all three parts are among the active models. */
  static Optional<ModelRef> chosen(
      List<ModelSummary> all, String datasource, String release, String model) {
    return all.stream()
        .filter(
            m ->
                m.status().equals("active")
                    && m.datasource().equals(datasource)
                    && m.release().equals(release)
                    && m.name().equals(model))
        .findFirst()
        .map(m -> new ModelRef(m.datasource(), m.release(), m.name()));
  }
}
