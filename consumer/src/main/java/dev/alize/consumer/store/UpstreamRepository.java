package dev.alize.consumer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Reads of the upstream rows: releases, services and their variables, models. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UpstreamRepository extends GenericRepository<ServerModelRow, String> {

  String DEFINITION =
      "sv.type, sv.item_type, sv.description, sv.default_json, sv.min_value, sv.max_value,"
          + " sv.choices, sv.pattern";

  @Query(
      "SELECT title, description, parent, chain, services, content_hash, source_file, status"
          + " FROM server_model WHERE datasource = :datasource AND release_name = :release"
          + " AND name = :model")
  Optional<UpstreamRows.Model> model(String datasource, String release, String model);

  @Query(
      "SELECT mv.service, mv.name, "
          + DEFINITION
          + ", mv.value_json, mv.source FROM model_variable mv LEFT JOIN service_variable sv"
          + " ON sv.datasource = mv.datasource AND sv.release_name = mv.release_name"
          + " AND sv.service = mv.service AND sv.name = mv.name"
          + " WHERE mv.datasource = :datasource AND mv.release_name = :release"
          + " AND mv.model = :model ORDER BY mv.position")
  List<UpstreamRows.Variable> variables(String datasource, String release, String model);

  @Query(
      "SELECT status FROM server_model WHERE datasource = :datasource"
          + " AND release_name = :release AND name = :model")
  Optional<String> status(String datasource, String release, String model);

  @Query(
      "SELECT sv.service, sv.name, "
          + DEFINITION
          + ", NULL AS value_json, NULL AS source FROM service_variable sv"
          + " WHERE sv.datasource = :datasource AND sv.release_name = :release"
          + " ORDER BY sv.service, sv.position")
  List<UpstreamRows.Variable> definitions(String datasource, String release);

  @Query(
      "SELECT name, description, packages, source_file FROM service"
          + " WHERE datasource = :datasource AND release_name = :release")
  List<UpstreamRows.Service> services(String datasource, String release);

  @Query(
      "SELECT codename, status, CAST(end_of_support AS VARCHAR(10)) AS end_of_support,"
          + " description FROM distribution_release WHERE datasource = :datasource"
          + " AND name = :release")
  Optional<UpstreamRows.Release> release(String datasource, String release);

  @Query(
      "SELECT datasource, COUNT(*) AS models FROM server_model WHERE status = 'active'"
          + " GROUP BY datasource")
  List<UpstreamRows.Count> counts();
}
