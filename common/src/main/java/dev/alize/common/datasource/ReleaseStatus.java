package dev.alize.common.datasource;

import java.util.Arrays;
import java.util.Optional;

/** Where a distribution release is in its life. */
public enum ReleaseStatus {
  DEVELOPMENT("development"),
  SUPPORTED("supported"),
  MAINTENANCE("maintenance"),
  END_OF_SUPPORT("end-of-support");

  private final String yamlName;

  ReleaseStatus(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  public static Optional<ReleaseStatus> fromYaml(String name) {
    return Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst();
  }
}
