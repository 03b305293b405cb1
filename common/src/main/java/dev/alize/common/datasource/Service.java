package dev.alize.common.datasource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An application service as offered in one release, with its variables in file order. */
public record Service(
    String name,
    String description,
    List<String> packages,
    Map<String, VariableDefinition> variables,
    String file) {

  public Service {
    packages = List.copyOf(packages);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }
}
