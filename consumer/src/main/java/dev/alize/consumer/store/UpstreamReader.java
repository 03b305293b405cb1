package dev.alize.consumer.store;

import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.Release;
import dev.alize.common.datasource.ReleaseStatus;
import dev.alize.common.datasource.ServerModel;
import dev.alize.common.datasource.Service;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.datasource.VariableType;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The upstream models of each datasource as stored, read back as the domain's objects: releases,
 * services with their variables, models with their effective variables. Every method works in the
 * caller's transaction, if any.
 */
@Singleton
public final class UpstreamReader {

  private final UpstreamRepository rows;

  UpstreamReader(UpstreamRepository rows) {
    this.rows = rows;
  }

  /**
   * The stored models of a datasource, by key, to compare with a release being imported: in plain
   * JDBC on the import's connection, as the repository's mapping of 10,000 rows cost more than
   * their query.
   */
  public Map<ModelKey, StoredModel> storedModels(Connection c, String datasource)
      throws SQLException {
    Map<ModelKey, StoredModel> out = new TreeMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT release_name, name, content_hash, status, source_digest FROM server_model"
                + " WHERE datasource = ?")) {
      s.setString(1, datasource);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ModelKey key = new ModelKey(r.getString(1), r.getString(2));
          out.put(
              key,
              new StoredModel(
                  key, r.getString(3), r.getString(4).equals("withdrawn"), r.getString(5)));
        }
      }
    }
    return out;
  }

  /** A model as stored, with its effective variables and their definitions. */
  public Optional<EffectiveModel> findModel(String datasource, String release, String model) {
    return rows.model(datasource, release, model)
        .map(
            m -> {
              Map<String, EffectiveVariable> variables = new LinkedHashMap<>();
              for (UpstreamRows.Variable v : rows.variables(datasource, release, model)) {
                variables.put(
                    v.name(),
                    variable(
                        v.name(),
                        v.service(),
                        v.type() == null ? null : definition(v),
                        v.valueJson(),
                        v.source()));
              }
              return model(model, release, m, variables);
            });
  }

  /**
   * The models of {@code keys} as stored, by key, as a child model's conflicts need their parent:
   * each with only those of its variables named in {@code variables}, in their order, defined as in
   * {@code services} (the services of each release by name, those the caller's transaction stored).
   * A key with no stored model is absent. On the caller's connection: see {@link StoredModelQuery}.
   */
  public Map<ModelKey, EffectiveModel> findParents(
      Connection c,
      String datasource,
      Collection<ModelKey> keys,
      Set<String> variables,
      Map<String, Map<String, Service>> services)
      throws SQLException {
    Map<ModelKey, EffectiveModel> out = new HashMap<>();
    StoredModelQuery.run(
        c,
        datasource,
        keys,
        variables,
        (key, m, stored) -> {
          Map<String, Service> offered = services.getOrDefault(key.release(), Map.of());
          Map<String, EffectiveVariable> named = new LinkedHashMap<>();
          for (StoredModelQuery.Variable v : stored) {
            Service service = offered.get(v.service());
            named.put(
                v.name(),
                variable(
                    v.name(),
                    v.service(),
                    service == null ? null : service.variables().get(v.name()),
                    v.valueJson(),
                    v.source()));
          }
          out.put(key, model(key.model(), key.release(), m, named));
        });
    return out;
  }

  private static EffectiveModel model(
      String name, String release, UpstreamRows.Model m, Map<String, EffectiveVariable> variables) {
    ServerModel own =
        new ServerModel(
            name,
            release,
            m.title(),
            m.description(),
            m.parent(),
            Json.strings(m.services()),
            Map.of(),
            m.sourceFile());
    return new EffectiveModel(
        own, Json.strings(m.chain()), own.services(), variables, m.contentHash());
  }

  /** Whether the model is stored as withdrawn. */
  public boolean isWithdrawn(String datasource, String release, String model) {
    return rows.status(datasource, release, model).map("withdrawn"::equals).orElse(false);
  }

  /** The services a release offers now, with their variables in file order. */
  public Map<String, Service> services(String datasource, String release) {
    Map<String, Map<String, VariableDefinition>> variables = new TreeMap<>();
    for (UpstreamRows.Variable v : rows.definitions(datasource, release)) {
      variables
          .computeIfAbsent(v.service(), s -> new LinkedHashMap<>())
          .put(v.name(), definition(v));
    }
    Map<String, Service> out = new TreeMap<>();
    for (UpstreamRows.Service s : rows.services(datasource, release)) {
      out.put(
          s.name(),
          new Service(
              s.name(),
              s.description(),
              Json.strings(s.packages()),
              variables.getOrDefault(s.name(), Map.of()),
              s.sourceFile()));
    }
    return out;
  }

  public Optional<Release> findRelease(String datasource, String release) {
    return rows.release(datasource, release)
        .map(
            r ->
                new Release(
                    release,
                    r.codename(),
                    ReleaseStatus.fromYaml(r.status()).orElseThrow(),
                    r.endOfSupport() == null ? null : LocalDate.parse(r.endOfSupport().strip()),
                    r.description(),
                    null));
  }

  /**
   * Every stored model, of one datasource or of all when {@code datasource} is null, in the
   * caller's transaction on {@code c}: in plain JDBC, as the repository's mapping of 10,000 rows
   * took longer than their query, and {@code models} lists them for a person waiting.
   */
  public List<ModelSummary> list(Connection c, @Nullable String datasource) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT datasource, release_name, name, title, parent, services, variable_count,"
                + " content_hash, status, imported_version FROM server_model"
                + (datasource == null ? "" : " WHERE datasource = ?")
                + " ORDER BY datasource, release_name, name")) {
      if (datasource != null) {
        s.setString(1, datasource);
      }
      List<ModelSummary> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new ModelSummary(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  Json.strings(r.getString(6)),
                  r.getInt(7),
                  r.getString(8),
                  r.getString(9),
                  r.getString(10)));
        }
      }
      return out;
    }
  }

  /** Active model counts by datasource. */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    rows.counts().forEach(c -> out.put(c.datasource(), c.models()));
    return out;
  }

  /** A variable whose definition is null when its service's release is gone (a withdrawn model). */
  private static EffectiveVariable variable(
      String name,
      String service,
      @Nullable VariableDefinition definition,
      @Nullable String valueJson,
      @Nullable String source) {
    if (definition == null) {
      // The value is kept as its JSON text.
      return new EffectiveVariable(
          name,
          service,
          new VariableDefinition(
              name, VariableType.STRING, null, null, null, null, null, List.of(), null),
          valueJson == null ? null : new Value.Text(valueJson),
          source);
    }
    Value value = valueJson == null ? null : Json.value(valueJson, definition);
    return new EffectiveVariable(name, service, definition, value, source);
  }

  private static VariableDefinition definition(UpstreamRows.Variable v) {
    VariableType type = VariableType.fromYaml(v.type()).orElseThrow();
    VariableType itemType =
        v.itemType() == null ? null : VariableType.fromYaml(v.itemType()).orElseThrow();
    VariableDefinition bare =
        new VariableDefinition(
            v.name(),
            type,
            itemType,
            v.description(),
            null,
            v.minValue(),
            v.maxValue(),
            Json.strings(v.choices()),
            v.pattern());
    return v.defaultJson() == null
        ? bare
        : new VariableDefinition(
            bare.name(),
            type,
            itemType,
            bare.description(),
            Json.value(v.defaultJson(), bare),
            bare.min(),
            bare.max(),
            bare.choices(),
            bare.pattern());
  }
}
