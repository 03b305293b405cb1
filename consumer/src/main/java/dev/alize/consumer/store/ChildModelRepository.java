package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The rows of child models, their overrides and their services. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ChildModelRepository extends GenericRepository<ChildModelRow, Long> {

  @Query("SELECT * FROM child_model WHERE id = :id")
  Optional<ChildModelRow> find(long id);

  @Query("SELECT * FROM child_model WHERE name = :name")
  Optional<ChildModelRow> findByName(String name);

  @Query("SELECT * FROM child_model ORDER BY name")
  List<ChildModelRow> list();

  @Query("SELECT * FROM child_model WHERE parent_datasource = :datasource ORDER BY name")
  List<ChildModelRow> ofDatasource(String datasource);

  @Query(
      "INSERT INTO child_model (name, parent_datasource, parent_release, parent_model,"
          + " description, reconciled_version, reconciled_services, created_at, updated_at,"
          + " updated_by) VALUES (:name, :parentDatasource, :parentRelease, :parentModel,"
          + " :description, :reconciledVersion, :reconciledServices,"
          + " CAST(:nowUtc AS TIMESTAMP), CAST(:nowUtc AS TIMESTAMP), :updatedBy)")
  void insert(
      String name,
      String parentDatasource,
      String parentRelease,
      String parentModel,
      @Nullable String description,
      String reconciledVersion,
      String reconciledServices,
      String nowUtc,
      String updatedBy);

  @Query(
      "UPDATE child_model SET description = :description,"
          + " reconciled_version = :reconciledVersion,"
          + " reconciled_services = :reconciledServices,"
          + " updated_at = CAST(:nowUtc AS TIMESTAMP), updated_by = :updatedBy WHERE id = :id")
  void update(
      long id,
      @Nullable String description,
      String reconciledVersion,
      String reconciledServices,
      String nowUtc,
      String updatedBy);

  /** Deletes a child model, its parts and its conflicts; the number of models deleted. */
  @Query("DELETE FROM child_model WHERE id = :id")
  int delete(long id);

  @Query(
      "SELECT child_id, variable AS name, value_text AS setting, reconciled_value AS reconciled"
          + " FROM child_override WHERE child_id = :childId ORDER BY variable")
  List<ChildPartRow> overrides(long childId);

  @Query(
      "SELECT child_id, variable AS name, value_text AS setting, reconciled_value AS reconciled"
          + " FROM child_override ORDER BY child_id, variable")
  List<ChildPartRow> overrides();

  @Query(
      "SELECT child_id, service AS name, action AS setting, NULL AS reconciled FROM child_service"
          + " WHERE child_id = :childId ORDER BY service")
  List<ChildPartRow> services(long childId);

  @Query(
      "SELECT child_id, service AS name, action AS setting, NULL AS reconciled FROM child_service"
          + " ORDER BY child_id, service")
  List<ChildPartRow> services();

  @Query(
      "INSERT INTO child_override (child_id, variable, value_text, reconciled_value)"
          + " VALUES (:childId, :variable, :valueText, :reconciledValue)")
  void insertOverride(
      long childId, String variable, String valueText, @Nullable String reconciledValue);

  @Query(
      "INSERT INTO child_service (child_id, service, action)"
          + " VALUES (:childId, :service, :action)")
  void insertService(long childId, String service, String action);

  @Query("DELETE FROM child_override WHERE child_id = :childId")
  void deleteOverrides(long childId);

  @Query("DELETE FROM child_service WHERE child_id = :childId")
  void deleteServices(long childId);
}
