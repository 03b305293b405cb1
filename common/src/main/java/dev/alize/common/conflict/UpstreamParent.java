package dev.alize.common.conflict;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.Release;
import dev.alize.common.datasource.Service;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What upstream offers a child model now: its parent model, the services of the parent's release
 * and the release itself, each absent when upstream no longer has it.
 *
 * @param parent empty when the parent model no longer exists upstream
 * @param releaseServices the services the parent's release now offers; empty when it is gone
 * @param release empty when the release is gone
 */
public record UpstreamParent(
    Optional<EffectiveModel> parent,
    Map<String, Service> releaseServices,
    Optional<Release> release) {

  public UpstreamParent {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(release, "release");
    releaseServices = Collections.unmodifiableMap(new TreeMap<>(releaseServices));
  }

  /**
   * What {@code datasource} offers for {@code ref}.
   *
   * @throws IllegalArgumentException when {@code ref} names another datasource
   */
  public static UpstreamParent of(Datasource datasource, ModelRef ref) {
    if (!datasource.name().equals(ref.datasource())) {
      throw new IllegalArgumentException(
          "model " + ref + " is not in datasource '" + datasource.name() + "'");
    }
    return new UpstreamParent(
        datasource.findModel(ref.release(), ref.model()),
        datasource.services().getOrDefault(ref.release(), Map.of()),
        Optional.ofNullable(datasource.releases().get(ref.release())));
  }
}
