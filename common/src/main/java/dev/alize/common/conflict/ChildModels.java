package dev.alize.common.conflict;

import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.Names;
import dev.alize.common.datasource.OverrideValue;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Checks a child model an admin creates or changes, and records what the admin reviewed. */
public final class ChildModels {

  private ChildModels() {}

  /**
   * Everything wrong with {@code draft} against its parent, each message naming the field at fault
   * as {@code fields} does, as {@code --set proxy_port=99999: port 99999 is outside 1..65535}.
   * Empty when valid.
   *
   * @param releaseServices the services the parent's release offers
   */
  public static List<String> problems(
      ChildModel draft,
      EffectiveModel parent,
      Map<String, Service> releaseServices,
      ChildFields fields) {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(releaseServices, "releaseServices");
    Objects.requireNonNull(fields, "fields");
    List<String> problems = new ArrayList<>();
    if (!Names.ITEM.isValid(draft.name())) {
      problems.add("name '" + ChildFields.shown(draft.name()) + "': " + Names.ITEM.explanation());
    }
    addedServices(draft, parent, releaseServices, fields, problems);
    removedServices(draft, parent, fields, problems);
    for (ChildOverride override : draft.overrides()) {
      override(draft, override, parent, releaseServices, fields).ifPresent(problems::add);
    }
    return List.copyOf(problems);
  }

  /**
   * {@code child} as reviewed against the upstream {@code version}: the parent's services and each
   * override's upstream value now become what later changes are measured against.
   */
  public static ChildModel reconcile(
      ChildModel child,
      EffectiveModel parent,
      Map<String, Service> releaseServices,
      String version) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(version, "version");
    List<ChildOverride> overrides =
        child.overrides().stream()
            .map(
                o ->
                    new ChildOverride(
                        o.variable(),
                        o.valueText(),
                        UpstreamVariable.find(
                                o.variable(), parent, child.addedServices(), releaseServices)
                            .map(UpstreamVariable::json)
                            .orElse(null)))
            .toList();
    return new ChildModel(
        child.name(),
        child.parent(),
        overrides,
        child.addedServices(),
        child.removedServices(),
        version,
        parent.services());
  }

  private static void addedServices(
      ChildModel draft,
      EffectiveModel parent,
      Map<String, Service> releaseServices,
      ChildFields fields,
      List<String> problems) {
    Set<String> seen = new HashSet<>();
    for (String service : draft.addedServices()) {
      String option = fields.addService(service) + ": ";
      if (!seen.add(service)) {
        problems.add(option + "given more than once");
      } else if (draft.removedServices().contains(service)) {
        problems.add(
            option
                + "it is also given to "
                + fields.removeServices()
                + "; keep one of the two options");
      } else if (!releaseServices.containsKey(service)) {
        problems.add(
            option
                + "release "
                + draft.parent().release()
                + " of "
                + draft.parent().datasource()
                + " offers no such service");
      } else if (parent.services().contains(service)) {
        problems.add(option + "the parent " + draft.parent() + " already has this service");
      }
    }
  }

  private static void removedServices(
      ChildModel draft, EffectiveModel parent, ChildFields fields, List<String> problems) {
    Set<String> seen = new HashSet<>();
    for (String service : draft.removedServices()) {
      String option = fields.removeService(service) + ": ";
      if (!seen.add(service)) {
        problems.add(option + "given more than once");
      } else if (!draft.addedServices().contains(service) && !parent.services().contains(service)) {
        problems.add(option + "the parent " + draft.parent() + " has no such service");
      }
    }
  }

  private static Optional<String> override(
      ChildModel draft,
      ChildOverride override,
      EffectiveModel parent,
      Map<String, Service> releaseServices,
      ChildFields fields) {
    String option = fields.set(override.variable(), override.valueText()) + ": ";
    Optional<UpstreamVariable> upstream =
        UpstreamVariable.find(override.variable(), parent, draft.addedServices(), releaseServices);
    if (upstream.isEmpty()) {
      return Optional.of(
          option
              + "neither the parent "
              + draft.parent()
              + " nor a service added with "
              + fields.addServices()
              + " has a variable '"
              + ChildFields.shown(override.variable())
              + "'");
    }
    String service = upstream.get().service();
    if (draft.removedServices().contains(service)) {
      return Optional.of(
          option
              + "variable '"
              + override.variable()
              + "' belongs to service '"
              + service
              + "', which "
              + fields.removeServices()
              + " drops; keep the service or drop the value");
    }
    if (OverrideValues.parse(override.valueText(), upstream.get().definition())
        instanceof OverrideValue.Invalid invalid) {
      return Optional.of(option + invalid.reason());
    }
    return Optional.empty();
  }
}
