package dev.alize.consumer.http;

import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.consumer.admin.UpstreamModel;
import java.util.List;

/**
 * One upstream model as the API shows it: its effective variables, each with its plain JSON value
 * and the file that set it.
 */
record ModelJson(
    String datasource,
    String release,
    String name,
    String title,
    String description,
    String parent,
    List<String> chain,
    List<String> services,
    String contentHash,
    String sourceFile,
    boolean withdrawn,
    List<VariableJson> variables) {

  /**
   * One effective variable.
   *
   * @param type as admins read it: {@code port}, {@code list of ip}
   * @param value a string, number, boolean or list of those; null when nothing sets one
   * @param source the file that set the value (provenance), or null
   */
  record VariableJson(
      String name, String service, String type, Object value, String source, String description) {

    static VariableJson of(EffectiveVariable v) {
      return new VariableJson(
          v.name(),
          v.service(),
          v.definition().typeName(),
          v.value() == null ? null : v.value().toPlain(),
          v.source(),
          v.definition().description());
    }
  }

  static ModelJson of(UpstreamModel m) {
    EffectiveModel model = m.model();
    return new ModelJson(
        m.ref().datasource(),
        m.ref().release(),
        m.ref().model(),
        model.model().title(),
        model.model().description(),
        model.model().parent(),
        model.chain(),
        model.services(),
        model.contentHash(),
        model.model().file(),
        m.withdrawn(),
        model.variables().values().stream().map(VariableJson::of).toList());
  }
}
