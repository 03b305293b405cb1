package dev.alize.common.conflict;

/**
 * Names one upstream server model, as admins write it: {@code datasource/release/model}. The same
 * model name may exist in several releases and datasources, so all three parts are needed.
 */
public record ModelRef(String datasource, String release, String model) {

  public ModelRef {
    String shown = datasource + "/" + release + "/" + model;
    for (String part : new String[] {datasource, release, model}) {
      if (part == null || part.isEmpty() || part.indexOf('/') >= 0) {
        throw invalid(shown);
      }
    }
  }

  /**
   * Reads {@code datasource/release/model}.
   *
   * @throws IllegalArgumentException unless the text has three non-empty parts
   */
  public static ModelRef parse(String text) {
    if (text == null) {
      throw invalid(null);
    }
    String[] parts = text.split("/", -1);
    if (parts.length != 3) {
      throw invalid(text);
    }
    return new ModelRef(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return datasource + "/" + release + "/" + model;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid model reference '"
            + text
            + "': write DATASOURCE/RELEASE/MODEL with three non-empty parts, as eole/2.9/amon");
  }
}
