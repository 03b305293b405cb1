package dev.alize.common.datasource;

import java.util.Optional;

/** Where a file sits in the datasource layout, which says what it defines. */
enum FileKind {
  DATASOURCE,
  README,
  RELEASE,
  SERVICE,
  RELEASE_SERVICE,
  MODEL;

  static Optional<FileKind> of(String path) {
    String[] parts = path.split("/");
    String last = parts[parts.length - 1];
    if (parts.length == 1) {
      if (path.equals("datasource.yaml")) {
        return Optional.of(DATASOURCE);
      }
      return last.startsWith("README") ? Optional.of(README) : Optional.empty();
    }
    if (!last.endsWith(".yaml") || last.length() == ".yaml".length()) {
      return Optional.empty();
    }
    return switch (parts[0]) {
      case "releases" -> parts.length == 2 ? Optional.of(RELEASE) : Optional.empty();
      case "services" ->
          parts.length == 2
              ? Optional.of(SERVICE)
              : parts.length == 3 ? Optional.of(RELEASE_SERVICE) : Optional.empty();
      case "servermodels" -> parts.length == 3 ? Optional.of(MODEL) : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The name a file defines: its name without {@code .yaml}. */
  static String stem(String path) {
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.endsWith(".yaml") ? last.substring(0, last.length() - 5) : last;
  }

  /** The folder a release-scoped file sits in: the release name. */
  static String folder(String path) {
    String[] parts = path.split("/");
    return parts[parts.length - 2];
  }
}
