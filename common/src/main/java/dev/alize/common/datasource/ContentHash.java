package dev.alize.common.datasource;

import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.CanonicalJsonWriter;
import dev.alize.common.codec.Hashes;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content hash of an effective model: SHA-256 of its canonical JSON form. Everything a consumer
 * stores for a model is in that form, so equal hashes mean nothing to rewrite.
 *
 * <p>The form is an object of {@code name, release, title, description, extends, chain, services}
 * and {@code variables}, each variable an object of {@code service, type, items, description,
 * default, min, max, choices, pattern, value} and {@code source}. It is written directly, its keys
 * in code-point order, as a release hashes every model of two datasources. One instance hashes the
 * models of one load, which share much: a model's variables are mostly its parent's, and every
 * variable of a service shares that service's definition. The form of each variable of a model
 * others extend, and each definition's part of a variable's form, are encoded once: an instance is
 * used by one load, on one thread.
 */
final class ContentHash {

  /**
   * The members of each definition's part of a variable's form, {@code choices} to {@code pattern}.
   */
  private final Map<VariableDefinition, byte[]> definitions = new IdentityHashMap<>();

  /** The forms of the variables of models others extend, which pass them on as they are. */
  private final Map<EffectiveVariable, byte[]> inherited = new IdentityHashMap<>();

  /**
   * @param extended whether other models extend this one: its variables' forms are then kept for
   *     theirs
   */
  String of(
      ServerModel model,
      List<String> chain,
      List<String> services,
      Map<String, EffectiveVariable> variables,
      boolean extended) {
    return Hashes.sha256Hex(
        CanonicalJson.encodeWritten(
            w -> {
              w.beginObject();
              w.key("chain").value(chain);
              w.key("description").value(model.description());
              w.key("extends").value(model.parent());
              w.key("name").value(model.name());
              w.key("release").value(model.release());
              w.key("services").value(services);
              w.key("title").value(model.title());
              w.key("variables").beginObject();
              String[] names = variables.keySet().toArray(new String[0]);
              Arrays.sort(names, CanonicalJson.KEY_ORDER);
              for (String name : names) {
                EffectiveVariable v = variables.get(name);
                byte[] form = inherited.get(v);
                if (form == null && extended) {
                  form = CanonicalJson.encodeWritten(x -> variable(x, v));
                  inherited.put(v, form);
                }
                if (form != null) {
                  w.key(name).encoded(form);
                } else {
                  variable(w.key(name), v);
                }
              }
              w.endObject();
              w.endObject();
            }));
  }

  private void variable(CanonicalJsonWriter w, EffectiveVariable v) {
    VariableDefinition d = v.definition();
    w.beginObject();
    w.members("choices", "pattern", definitions.computeIfAbsent(d, ContentHash::definition));
    w.key("service").value(v.service());
    w.key("source").value(v.source());
    w.key("type").value(d.type().yamlName());
    w.key("value").value(v.value() == null ? null : v.value().toPlain());
    w.endObject();
  }

  private static byte[] definition(VariableDefinition d) {
    return CanonicalJson.encodeWritten(
        w -> {
          w.beginObject();
          w.key("choices").value(d.choices());
          w.key("default").value(d.defaultValue() == null ? null : d.defaultValue().toPlain());
          w.key("description").value(d.description());
          w.key("items").value(d.itemType() == null ? null : d.itemType().yamlName());
          w.key("max").value(d.max());
          w.key("min").value(d.min());
          w.key("pattern").value(d.pattern());
          w.endObject();
        });
  }
}
