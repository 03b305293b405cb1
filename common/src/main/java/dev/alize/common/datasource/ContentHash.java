package dev.alize.common.datasource;

import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.Hashes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content hash of an effective model: SHA-256 of its canonical JSON form. Everything a consumer
 * stores for a model is in that form, so equal hashes mean nothing to rewrite.
 */
public final class ContentHash {

  private ContentHash() {}

  public static String of(
      ServerModel model,
      java.util.List<String> chain,
      java.util.List<String> services,
      Map<String, EffectiveVariable> variables) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("name", model.name());
    form.put("release", model.release());
    form.put("title", model.title());
    form.put("description", model.description());
    form.put("extends", model.parent());
    form.put("chain", chain);
    form.put("services", services);
    Map<String, Object> vars = new LinkedHashMap<>();
    variables.forEach((name, v) -> vars.put(name, variableForm(v)));
    form.put("variables", vars);
    return Hashes.sha256Hex(CanonicalJson.encode(form));
  }

  private static Map<String, Object> variableForm(EffectiveVariable v) {
    VariableDefinition d = v.definition();
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("service", v.service());
    form.put("type", d.type().yamlName());
    form.put("items", d.itemType() == null ? null : d.itemType().yamlName());
    form.put("description", d.description());
    form.put("default", d.defaultValue() == null ? null : d.defaultValue().toPlain());
    form.put("min", d.min());
    form.put("max", d.max());
    form.put("choices", d.choices());
    form.put("pattern", d.pattern());
    form.put("value", v.value() == null ? null : v.value().toPlain());
    form.put("source", v.source());
    return form;
  }
}
