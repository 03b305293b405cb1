package dev.alize.common.datasource;

import static dev.alize.common.codec.Hashes.sha256Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alize.common.codec.CanonicalJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveModelTest {

  @TempDir Path dir;
  @TempDir Path other;

  private EffectiveModel gateway(Path where, Map<String, String> changes) {
    Datasource d = new DatasourceLoader().load(DemoDatasource.write(where, changes)).orThrow();
    return d.findModel("1.0", "gateway").orElseThrow();
  }

  @Test
  void effectiveModel_layersServicesThenChainThenOwnValues() {
    EffectiveModel gateway = gateway(dir, Map.of());
    assertEquals(List.of("base", "gateway"), gateway.chain());
    assertEquals(List.of("dns", "web"), gateway.services());

    EffectiveVariable port = gateway.variables().get("web_port");
    assertEquals(new Value.Int(80), port.value());
    assertEquals("services/web.yaml", port.source());
    assertEquals("web", port.service());

    EffectiveVariable secure = gateway.variables().get("dns_secure");
    assertEquals(new Value.Bool(false), secure.value());
    assertEquals("servermodels/1.0/base.yaml", secure.source());

    EffectiveVariable workers = gateway.variables().get("workers");
    assertEquals(new Value.Int(8), workers.value());
    assertEquals("servermodels/1.0/gateway.yaml", workers.source());

    EffectiveVariable password = gateway.variables().get("admin_password");
    assertNull(password.value());
    assertNull(password.source());

    assertEquals(
        new Value.ListOf(List.of(new Value.Text("10.0.0.0/8"), new Value.Text("fd00::/8"))),
        gateway.variables().get("allowed").value());
  }

  @Test
  void effectiveModel_ownValueOverridesParentValue() {
    EffectiveModel gateway =
        gateway(
            dir,
            Map.of(
                "servermodels/1.0/gateway.yaml",
                "name: gateway\nrelease: \"1.0\"\nextends: base\nvariables:\n  dns_secure: true\n"));
    EffectiveVariable secure = gateway.variables().get("dns_secure");
    assertEquals(new Value.Bool(true), secure.value());
    assertEquals("servermodels/1.0/gateway.yaml", secure.source());
    assertEquals(List.of("dns"), gateway.services());
  }

  @Test
  void contentHash_isPinnedAcrossRunsAndMachines() {
    // Pinned: a change to this value means every consumer would rewrite every model.
    assertEquals(
        "71efb93b078e3f161167c5cd6c3f88f0988736d2d20841bb94f03e1c737d0d26",
        gateway(dir, Map.of()).contentHash());
  }

  @Test
  void contentHash_ignoresKeyOrderAndFormatting() {
    String reordered =
        """
        # same model, other order and flow style
        variables: {zone_label: gw, workers: 8}
        services:
          - web
        extends: base
        release: '1.0'
        name: gateway
        """;
    assertEquals(
        gateway(dir, Map.of()).contentHash(),
        gateway(other, Map.of("servermodels/1.0/gateway.yaml", reordered)).contentHash());
  }

  @Test
  void contentHash_changesWithAnyEffectiveChange() {
    String base = gateway(dir, Map.of()).contentHash();
    String web = DemoDatasource.FILES.get("services/web.yaml");
    assertNotEquals(
        base,
        gateway(other, Map.of("services/web.yaml", web.replace("default: 80", "default: 81")))
            .contentHash());
  }

  @Test
  void contentHash_changesWithAParentValue() {
    String base = gateway(dir, Map.of()).contentHash();
    assertNotEquals(
        base,
        gateway(
                other,
                Map.of(
                    "servermodels/1.0/base.yaml",
                    "name: base\nrelease: \"1.0\"\ntitle: Base\nservices: [dns]\nvariables:\n  dns_secure: true\n"))
            .contentHash());
  }

  @Test
  void contentHash_isTheCanonicalJsonOfTheModelsForm() {
    EffectiveModel gateway =
        gateway(
            dir,
            Map.of(
                "servermodels/1.0/gateway.yaml",
                """
                name: gateway
                release: "1.0"
                title: "Passerelle \\\\ \\"é\\" \\U0001F600"
                description: "two\\nlines"
                extends: base
                services: [web]
                variables:
                  allowed: ["192.0.2.0/24"]
                  workers: 8
                """));

    assertEquals(sha256Hex(CanonicalJson.encode(form(gateway))), gateway.contentHash());
  }

  @Test
  void contentHash_ofEveryModelSharingDefinitions_isItsFormsCanonicalJson() {
    // base and gateway run dns: the second is hashed with definitions encoded for the first; edge
    // extends gateway, which extends base, and sets a value of its own over an inherited one.
    Datasource d =
        new DatasourceLoader()
            .load(
                DemoDatasource.write(
                    dir,
                    Map.of(
                        "servermodels/1.0/edge.yaml",
                        "name: edge\nrelease: \"1.0\"\nextends: gateway\nvariables:\n  workers: 9\n")))
            .orThrow();
    List<EffectiveModel> models = d.models().get("1.0").values().stream().toList();
    assertEquals(3, models.size());
    assertEquals(
        List.of("base", "gateway", "edge"), d.findModel("1.0", "edge").orElseThrow().chain());
    for (EffectiveModel m : models) {
      assertEquals(sha256Hex(CanonicalJson.encode(form(m))), m.contentHash(), m.name());
    }
  }

  /** The form the content hash covers, as a consumer would rebuild it from what it stores. */
  private static Map<String, Object> form(EffectiveModel m) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("name", m.name());
    form.put("release", m.release());
    form.put("title", m.model().title());
    form.put("description", m.model().description());
    form.put("extends", m.model().parent());
    form.put("chain", m.chain());
    form.put("services", m.services());
    Map<String, Object> variables = new LinkedHashMap<>();
    m.variables()
        .forEach(
            (name, v) -> {
              VariableDefinition d = v.definition();
              Map<String, Object> variable = new LinkedHashMap<>();
              variable.put("service", v.service());
              variable.put("type", d.type().yamlName());
              variable.put("items", d.itemType() == null ? null : d.itemType().yamlName());
              variable.put("description", d.description());
              variable.put("default", d.defaultValue() == null ? null : d.defaultValue().toPlain());
              variable.put("min", d.min());
              variable.put("max", d.max());
              variable.put("choices", d.choices());
              variable.put("pattern", d.pattern());
              variable.put("value", v.value() == null ? null : v.value().toPlain());
              variable.put("source", v.source());
              variables.put(name, variable);
            });
    form.put("variables", variables);
    return form;
  }
}
