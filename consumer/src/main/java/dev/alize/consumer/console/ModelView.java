package dev.alize.consumer.console;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.consumer.admin.UpstreamModel;
import dev.alize.consumer.store.StoredChild;
import java.util.List;

/**
 * One upstream model as the API answers it: its chain and services, and each effective variable
 * with its value and the file that set it; with the child models derived from it.
 *
 * @param parent the model it extends, or null
 * @param children the names of the child models whose parent it is
 */
public record ModelView(
    ModelRef ref,
    String title,
    String description,
    String parent,
    List<String> chain,
    List<String> services,
    String contentHash,
    String sourceFile,
    boolean withdrawn,
    List<VariableRow> variables,
    List<String> children) {

  /**
   * One effective variable.
   *
   * @param type as admins read it: {@code port}, {@code list of ip}
   * @param value as YAML shows it, or null when nothing sets one
   * @param source the file that set the value, or null
   */
  public record VariableRow(
      String name, String service, String type, String value, String source, String description) {

    static VariableRow of(EffectiveVariable v) {
      return new VariableRow(
          v.name(),
          v.service(),
          v.definition().typeName(),
          v.value() == null ? null : v.value().display(),
          v.source(),
          v.definition().description());
    }
  }

  static ModelView of(UpstreamModel m, List<StoredChild> children) {
    EffectiveModel model = m.model();
    return new ModelView(
        m.ref(),
        model.model().title(),
        model.model().description(),
        model.model().parent(),
        model.chain(),
        model.services(),
        model.contentHash(),
        model.model().file(),
        m.withdrawn(),
        model.variables().values().stream().map(VariableRow::of).toList(),
        children.stream()
            .filter(c -> c.child().parent().equals(m.ref()))
            .map(c -> c.child().name())
            .toList());
  }
}
