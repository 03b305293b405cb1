package dev.alize.common.datasource;

import dev.alize.common.datasource.DocumentParser.ParsedModel;
import dev.alize.common.datasource.DocumentParser.ParsedService;
import dev.alize.common.yaml.Position;
import dev.alize.common.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks what spans files (releases named by folders and models, services named by models, {@code
 * extends} chains, variables defined twice, values against their definitions) and builds the
 * effective models.
 */
final class DatasourceLinker {

  private final DocumentParser parsed;
  private final Problems problems;
  private final ValueParser values;
  private final ContentHash hashes = new ContentHash();
  private final Map<String, Map<String, Service>> services = new TreeMap<>();
  private final Map<String, Map<String, Position>> variablePositions = new HashMap<>();

  DatasourceLinker(DocumentParser parsed, Problems problems) {
    this.parsed = parsed;
    this.problems = problems;
    this.values = new ValueParser(problems);
  }

  Optional<Datasource> link() {
    placeServices();
    checkVariablesUnique();
    Map<String, Map<String, EffectiveModel>> models = new TreeMap<>();
    Map<String, List<ParsedModel>> byRelease = new TreeMap<>();
    for (ParsedModel model : parsed.models) {
      if (!parsed.releases.containsKey(model.release()) && !releaseUnreadable(model.release())) {
        problems.add(
            model.file(),
            model.releasePosition(),
            "release '"
                + model.release()
                + "' is not defined: add releases/"
                + model.release()
                + ".yaml");
      }
      byRelease.computeIfAbsent(model.release(), r -> new ArrayList<>()).add(model);
    }
    // Models of an undefined release are still resolved, so that their values are checked.
    byRelease.forEach(
        (release, list) -> {
          Map<String, EffectiveModel> resolved = new ReleaseModels(release, list).resolveAll();
          if (parsed.releases.containsKey(release)) {
            models.put(release, resolved);
          }
        });
    if (parsed.info == null) {
      return Optional.empty();
    }
    return Optional.of(new Datasource(parsed.info, parsed.releases, services, models));
  }

  /** Every release offers the shared services, replaced or completed by its own folder. */
  private void placeServices() {
    for (String release : parsed.releases.keySet()) {
      services.put(release, new TreeMap<>());
    }
    for (ParsedService s : parsed.services) {
      if (s.scope() == null) {
        services.values().forEach(map -> map.put(s.service().name(), s.service()));
        variablePositions.put(s.file(), s.positions());
      }
    }
    for (ParsedService s : parsed.services) {
      if (s.scope() == null) {
        continue;
      }
      Map<String, Service> map = services.get(s.scope());
      if (map == null) {
        if (releaseUnreadable(s.scope())) {
          continue;
        }
        problems.addWholeFile(
            s.file(),
            "folder services/"
                + s.scope()
                + "/ names no release: add releases/"
                + s.scope()
                + ".yaml");
        continue;
      }
      map.put(s.service().name(), s.service());
      variablePositions.put(s.file(), s.positions());
    }
  }

  private Map<String, Service> sharedServices() {
    Map<String, Service> shared = new TreeMap<>();
    parsed.services.stream()
        .filter(s -> s.scope() == null)
        .forEach(s -> shared.put(s.service().name(), s.service()));
    return shared;
  }

  private boolean releaseUnreadable(String release) {
    return parsed.isUnreadable(FileKind.RELEASE, null, release);
  }

  private boolean serviceUnreadable(String release, String service) {
    return parsed.isUnreadable(FileKind.SERVICE, null, service)
        || parsed.isUnreadable(FileKind.RELEASE_SERVICE, release, service);
  }

  /** A variable has one meaning per release, so one service defines it. */
  private void checkVariablesUnique() {
    services.forEach(
        (release, offered) -> {
          Map<String, Service> owners = new HashMap<>();
          for (Service service : offered.values()) {
            for (String variable : service.variables().keySet()) {
              Service owner = owners.putIfAbsent(variable, service);
              if (owner != null) {
                problems.add(
                    service.file(),
                    variablePositions.get(service.file()).get(variable),
                    "variable '"
                        + variable
                        + "' is already defined by service '"
                        + owner.name()
                        + "' ("
                        + problems.shown(owner.file())
                        + "): a variable belongs to one service per release");
              }
            }
          }
        });
  }

  /**
   * Whether one of these services declares the variable but its definition was refused: that error
   * is already reported, and the model's value cannot be checked without it.
   */
  private boolean declaredButInvalid(
      Map<String, Service> offered, Set<String> serviceNames, String variable) {
    return serviceNames.stream()
        .map(offered::get)
        .filter(Objects::nonNull)
        .anyMatch(s -> variablePositions.getOrDefault(s.file(), Map.of()).containsKey(variable));
  }

  /** The models of one release, resolved along their extends chains. */
  /** Real datasources extend a few levels: a base, a role, a site. */
  static final int MAX_EXTENDS_DEPTH = 32;

  /** How many models of a cycle its problem names. */
  private static final int CYCLE_SHOWN = 10;

  private final class ReleaseModels {
    private final String release;
    private final Map<String, ParsedModel> byName = new TreeMap<>();
    private final Map<String, EffectiveModel> resolved = new TreeMap<>();
    private final Set<String> broken = new HashSet<>();

    /** Models others extend, whose variables are then shared by every model below them. */
    private final Set<String> extended = new HashSet<>();

    /** Models whose variables cannot all be known, because something they build on is broken. */
    private final Set<String> incomplete = new HashSet<>();

    ReleaseModels(String release, List<ParsedModel> models) {
      this.release = release;
      models.forEach(
          m -> {
            byName.put(m.name(), m);
            if (m.parent() != null) {
              extended.add(m.parent());
            }
          });
    }

    Map<String, EffectiveModel> resolveAll() {
      findDanglingAndCycles();
      byName.keySet().forEach(this::resolve);
      return resolved;
    }

    /**
     * Dangling parents, cycles and chains deeper than {@link #MAX_EXTENDS_DEPTH}, in one walk of
     * each model's ancestry: every model is visited once, so that a chain of thousands costs as
     * much as thousands of separate models.
     */
    private void findDanglingAndCycles() {
      for (ParsedModel model : byName.values()) {
        if (model.parent() != null && !byName.containsKey(model.parent())) {
          broken.add(model.name());
          if (parsed.isUnreadable(FileKind.MODEL, release, model.parent())) {
            continue;
          }
          problems.add(
              model.file(),
              model.parentPosition(),
              "model '"
                  + model.name()
                  + "' extends '"
                  + model.parent()
                  + "', which is not a model of release "
                  + release);
        }
      }
      Map<String, Integer> depth = new HashMap<>();
      for (String start : byName.keySet()) {
        Map<String, Integer> onPath = new HashMap<>();
        List<String> path = new ArrayList<>();
        String current = start;
        while (current != null
            && byName.containsKey(current)
            && !depth.containsKey(current)
            && !onPath.containsKey(current)) {
          onPath.put(current, path.size());
          path.add(current);
          current = byName.get(current).parent();
        }
        if (current != null && onPath.containsKey(current)) {
          List<String> cycle = path.subList(onPath.get(current), path.size());
          reportCycle(cycle);
          broken.addAll(cycle);
          cycle.forEach(m -> depth.put(m, Integer.MAX_VALUE));
          path = path.subList(0, onPath.get(current));
        }
        // Depths from the top of the walk down; a model above a cycle or a broken one inherits it.
        int above =
            current == null || !byName.containsKey(current)
                ? 0
                : depth.getOrDefault(current, Integer.MAX_VALUE);
        for (int k = path.size() - 1; k >= 0; k--) {
          String name = path.get(k);
          above = above == Integer.MAX_VALUE ? above : above + 1;
          if (above == MAX_EXTENDS_DEPTH + 1) {
            ParsedModel model = byName.get(name);
            problems.add(
                model.file(),
                model.parentPosition(),
                "model '"
                    + name
                    + "' is more than "
                    + MAX_EXTENDS_DEPTH
                    + " models down its extends chain");
            above = Integer.MAX_VALUE;
          }
          if (above == Integer.MAX_VALUE) {
            broken.add(name);
          }
          depth.put(name, above);
        }
      }
    }

    /** On each model of the cycle, the cycle from it, shortened past {@link #CYCLE_SHOWN}. */
    private void reportCycle(List<String> cycle) {
      for (int at = 0; at < cycle.size(); at++) {
        List<String> from = new ArrayList<>();
        for (int k = 0; k < Math.min(cycle.size(), CYCLE_SHOWN); k++) {
          from.add(cycle.get((at + k) % cycle.size()));
        }
        String shown =
            cycle.size() <= CYCLE_SHOWN
                ? String.join(" -> ", from) + " -> " + cycle.get(at)
                : String.join(" -> ", from) + " -> ... (" + cycle.size() + " models)";
        ParsedModel model = byName.get(cycle.get(at));
        problems.add(model.file(), model.parentPosition(), "extends cycle: " + shown);
      }
    }

    /** The effective model, or the best that can be made of a broken one (to check its values). */
    private EffectiveModel resolve(String name) {
      EffectiveModel done = resolved.get(name);
      if (done != null) {
        return done;
      }
      ParsedModel model = byName.get(name);
      EffectiveModel base = null;
      if (!broken.contains(name) && model.parent() != null) {
        base = resolve(model.parent());
      }
      if (broken.contains(name)
          || (model.parent() != null && incomplete.contains(model.parent()))) {
        incomplete.add(name);
      }
      Map<String, Service> offered = services.getOrDefault(release, sharedServices());
      List<String> chain = new ArrayList<>();
      Set<String> serviceNames = new LinkedHashSet<>();
      Map<String, EffectiveVariable> variables = new LinkedHashMap<>();
      if (base != null) {
        chain.addAll(base.chain());
        serviceNames.addAll(base.services());
        variables.putAll(base.variables());
      }
      chain.add(name);
      Set<String> own = new HashSet<>();
      for (String serviceName : model.services()) {
        if (!own.add(serviceName)) {
          problems.add(
              model.file(),
              model.servicesPosition(),
              "service '" + serviceName + "' is listed twice");
          continue;
        }
        Service service = offered.get(serviceName);
        if (service == null) {
          if (serviceUnreadable(release, serviceName)) {
            incomplete.add(name);
            continue;
          }
          problems.add(
              model.file(),
              model.servicesPosition(),
              "unknown service '"
                  + serviceName
                  + "': release "
                  + release
                  + " offers "
                  + String.join(", ", offered.keySet()));
          continue;
        }
        if (serviceNames.add(serviceName)) {
          service
              .variables()
              .forEach(
                  (v, def) ->
                      variables.put(
                          v,
                          new EffectiveVariable(
                              v,
                              serviceName,
                              def,
                              def.defaultValue(),
                              def.defaultValue() == null ? null : service.file())));
        }
      }
      Map<String, Value> ownValues = new LinkedHashMap<>();
      for (Map.Entry<String, YamlNode> entry : model.values().entrySet()) {
        String variable = entry.getKey();
        EffectiveVariable current = variables.get(variable);
        if (current == null) {
          if (incomplete.contains(name) || declaredButInvalid(offered, serviceNames, variable)) {
            continue;
          }
          problems.add(
              model.file(),
              model.valueKeyPositions().get(variable),
              "variable '"
                  + variable
                  + "' is not defined by any service of model '"
                  + name
                  + "' (services: "
                  + String.join(", ", serviceNames)
                  + ")");
          continue;
        }
        Optional<Value> value =
            values.parse(
                model.file(),
                entry.getValue(),
                current.definition(),
                "value of '" + variable + "'");
        value.ifPresent(
            v -> {
              ownValues.put(variable, v);
              variables.put(
                  variable,
                  new EffectiveVariable(
                      variable, current.service(), current.definition(), v, model.file()));
            });
      }
      ServerModel serverModel =
          new ServerModel(
              name,
              release,
              model.title(),
              model.description(),
              model.parent(),
              model.services(),
              ownValues,
              model.file());
      List<String> serviceList = List.copyOf(serviceNames);
      EffectiveModel effective =
          new EffectiveModel(
              serverModel,
              chain,
              serviceList,
              variables,
              hashes.of(serverModel, chain, serviceList, variables, extended.contains(name)));
      resolved.put(name, effective);
      return effective;
    }
  }
}
