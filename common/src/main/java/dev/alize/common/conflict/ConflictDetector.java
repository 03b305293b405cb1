package dev.alize.common.conflict;

import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.OverrideValue;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.Release;
import dev.alize.common.datasource.ReleaseStatus;
import dev.alize.common.datasource.Service;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the conflicts between a child model and what upstream offers now. Pure: the same child,
 * upstream and day always give the same conflicts in the same order, so that the consumer can store
 * them once, update them on later imports and close those whose cause disappeared.
 *
 * <p>"Before" is what the child recorded when the admin last reviewed it (the reconciled values and
 * services), not the previous import: a change the admin has not reviewed stays flagged however
 * many imports follow.
 */
public final class ConflictDetector {

  private ConflictDetector() {}

  /** The conflicts of {@code child}, by kind then subject, at most one per kind and subject. */
  public static List<Conflict> detect(ChildModel child, UpstreamParent upstream, LocalDate today) {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(today, "today");
    List<Conflict> found = new ArrayList<>();
    upstream
        .release()
        .filter(release -> ended(release, today))
        .ifPresent(release -> found.add(Conflicts.endOfSupport(child, release)));
    Optional<EffectiveModel> parent = upstream.parent();
    if (parent.isEmpty()) {
      // Nothing left to compare the child's services and overrides with.
      found.add(Conflicts.parentWithdrawn(child));
    } else {
      services(child, parent.get(), upstream.releaseServices(), found);
      for (ChildOverride override : child.overrides()) {
        override(child, override, parent.get(), upstream.releaseServices()).ifPresent(found::add);
      }
    }
    Map<String, Conflict> unique = new LinkedHashMap<>();
    found.forEach(c -> unique.putIfAbsent(c.kind() + "/" + c.subject(), c));
    return unique.values().stream().sorted(Conflict.ORDER).toList();
  }

  /** Past its end of support, or marked so by upstream whatever the date. */
  static boolean ended(Release release, LocalDate today) {
    return release.status() == ReleaseStatus.END_OF_SUPPORT
        || (release.endOfSupport() != null && !today.isBefore(release.endOfSupport()));
  }

  private static void services(
      ChildModel child,
      EffectiveModel parent,
      Map<String, Service> releaseServices,
      List<Conflict> found) {
    for (String service : child.addedServices()) {
      if (!releaseServices.containsKey(service)) {
        found.add(Conflicts.addedServiceRemoved(child, service));
      }
    }
    for (String service : child.reconciledServices()) {
      if (!child.removedServices().contains(service) && !parent.services().contains(service)) {
        found.add(Conflicts.inheritedServiceRemoved(child, service));
      }
    }
  }

  private static Optional<Conflict> override(
      ChildModel child,
      ChildOverride override,
      EffectiveModel parent,
      Map<String, Service> releaseServices) {
    Optional<UpstreamVariable> upstream =
        UpstreamVariable.find(override.variable(), parent, child.addedServices(), releaseServices);
    if (upstream.isEmpty()) {
      return Optional.of(Conflicts.variableRemoved(child, override));
    }
    OverrideValue parsed = OverrideValues.parse(override.valueText(), upstream.get().definition());
    if (parsed instanceof OverrideValue.Invalid invalid) {
      return Optional.of(
          Conflicts.overrideInvalid(
              child, override, upstream.get().definition().typeName(), invalid.reason()));
    }
    String current = upstream.get().json();
    if (Objects.equals(current, override.reconciledJson())) {
      return Optional.empty();
    }
    return Optional.of(
        Conflicts.defaultChanged(
            child,
            override.variable(),
            OverrideValues.display(override.reconciledJson()),
            upstream.get().value() == null ? null : upstream.get().value().display(),
            ((OverrideValue.Valid) parsed).value().display()));
  }
}
