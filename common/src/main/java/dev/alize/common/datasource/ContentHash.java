package dev.alize.common.datasource;

import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.CanonicalJsonWriter;
import dev.alize.common.codec.Hashes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The content hash of an effective model: SHA-256 of its canonical JSON form. Everything a consumer
 * stores for a model is in that form, so equal hashes mean nothing to rewrite.
 *
 * <p>The form is an object of {@code name, release, title, description, extends, chain, services}
 * and {@code variables}, each variable an object of {@code service, type, items, description,
 * default, min, max, choices, pattern, value} and {@code source}. It is written directly, its keys
 * in code-point order, as a release hashes every model of two datasources.
 */
public final class ContentHash {

  private ContentHash() {}

  public static String of(
      ServerModel model,
      List<String> chain,
      List<String> services,
      Map<String, EffectiveVariable> variables) {
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
                variable(w.key(name), variables.get(name));
              }
              w.endObject();
              w.endObject();
            }));
  }

  private static void variable(CanonicalJsonWriter w, EffectiveVariable v) {
    VariableDefinition d = v.definition();
    w.beginObject();
    w.key("choices").value(d.choices());
    w.key("default").value(d.defaultValue() == null ? null : d.defaultValue().toPlain());
    w.key("description").value(d.description());
    w.key("items").value(d.itemType() == null ? null : d.itemType().yamlName());
    w.key("max").value(d.max());
    w.key("min").value(d.min());
    w.key("pattern").value(d.pattern());
    w.key("service").value(v.service());
    w.key("source").value(v.source());
    w.key("type").value(d.type().yamlName());
    w.key("value").value(v.value() == null ? null : v.value().toPlain());
    w.endObject();
  }
}
