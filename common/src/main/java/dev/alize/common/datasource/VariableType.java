package dev.alize.common.datasource;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The types a variable may have, by the name maintainers write in YAML. */
public enum VariableType {
  STRING,
  INTEGER,
  BOOLEAN,
  PORT,
  IP,
  CIDR,
  HOSTNAME,
  CHOICE,
  PASSWORD,
  LIST;

  /** Kept, not lowered on each call: a content hash asks for it for every variable of a model. */
  private final String yamlName = name().toLowerCase(Locale.ROOT);

  public String yamlName() {
    return yamlName;
  }

  public static Optional<VariableType> fromYaml(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName().equals(name)).findFirst();
  }

  public static String allNames() {
    return Arrays.stream(values()).map(VariableType::yamlName).collect(Collectors.joining(", "));
  }

  /** Whether {@code min} and {@code max} apply. */
  public boolean isNumeric() {
    return this == INTEGER || this == PORT;
  }

  /** Whether {@code pattern} applies. */
  public boolean isPatterned() {
    return this == STRING || this == HOSTNAME || this == CHOICE;
  }
}
