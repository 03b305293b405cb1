package dev.alize.consumer.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** The upstream rows as read by {@link UpstreamRepository}, before they become domain objects. */
final class UpstreamRows {

  private UpstreamRows() {}

  /** A model's own row. */
  @Introspected
  record Model(
      @Nullable String title,
      @Nullable String description,
      @Nullable String parent,
      String chain,
      String services,
      String contentHash,
      String sourceFile,
      String status) {}

  /**
   * A variable's definition, and for a model's variable its value and provenance; {@code type} is
   * null for a model's variable whose service's release is gone (a withdrawn model).
   */
  @Introspected
  record Variable(
      String service,
      String name,
      @Nullable String type,
      @Nullable String itemType,
      @Nullable String description,
      @Nullable String defaultJson,
      @Nullable Long minValue,
      @Nullable Long maxValue,
      @Nullable String choices,
      @Nullable String pattern,
      @Nullable String valueJson,
      @Nullable String source) {}

  @Introspected
  record Service(String name, @Nullable String description, String packages, String sourceFile) {}

  /** {@code endOfSupport} as ISO text, read exactly whatever the JVM's time zone. */
  @Introspected
  record Release(
      @Nullable String codename,
      String status,
      @Nullable String endOfSupport,
      @Nullable String description) {}

  @Introspected
  record Count(String datasource, int models) {}
}
