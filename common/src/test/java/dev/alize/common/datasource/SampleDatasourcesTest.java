package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.error.Problem;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The datasources shipped in {@code datasources/} are valid and show what they claim to show. */
class SampleDatasourcesTest {

  private static final Path SAMPLES = Path.of("..", "datasources");
  private static final List<String> EOLE_ROLES =
      List.of("eolebase", "amon", "scribe", "horus", "seth", "sphynx", "hapy", "eclair");

  private static Datasource load(String name) {
    LoadResult result = new DatasourceLoader().load(SAMPLES.resolve(name));
    assertEquals(List.of(), result.problems().stream().map(Problem::toString).toList());
    return result.orThrow();
  }

  @Test
  void eole_hasEveryRoleInTwoReleasesOnTopOfEolebase() {
    Datasource eole = load("eole");
    assertEquals(Set.of("2.8.1", "2.9.0"), eole.releases().keySet());
    for (String release : eole.releases().keySet()) {
      Map<String, EffectiveModel> models = eole.models().get(release);
      assertTrue(models.keySet().containsAll(EOLE_ROLES), release + ": " + models.keySet());
      for (EffectiveModel model : models.values()) {
        assertEquals("eolebase", model.chain().get(0), model.name() + " in " + release);
      }
    }
  }

  @Test
  void eole_usesEveryVariableType() {
    Set<VariableType> used = EnumSet.noneOf(VariableType.class);
    load("eole").services().values().stream()
        .flatMap(s -> s.values().stream())
        .flatMap(s -> s.variables().values().stream())
        .forEach(
            v -> {
              used.add(v.type());
              if (v.itemType() != null) {
                used.add(v.itemType());
              }
            });
    assertEquals(EnumSet.allOf(VariableType.class), used);
  }

  @Test
  void eole_releasesReallyDiffer() {
    Datasource eole = load("eole");
    Map<String, Service> old = eole.services().get("2.8.1");
    Map<String, Service> now = eole.services().get("2.9.0");
    assertFalse(old.containsKey("eole-wireguard"));
    assertTrue(now.containsKey("eole-wireguard"));
    assertTrue(old.get("eole-proxy").variables().containsKey("proxy_ntlm_auth"));
    assertFalse(now.get("eole-proxy").variables().containsKey("proxy_ntlm_auth"));
    assertEquals(
        new Value.Int(2000),
        old.get("eole-proxy").variables().get("proxy_cache_mb").defaultValue());
    assertEquals(
        new Value.Int(4000),
        now.get("eole-proxy").variables().get("proxy_cache_mb").defaultValue());
  }

  @Test
  void acmeMonitoring_isAThirdPartyDatasource() {
    Datasource acme = load("acme-monitoring");
    assertEquals("acme-monitoring", acme.name());
    assertTrue(acme.modelCount() >= 3);
    assertTrue(acme.info().maintainer().contains("ACME"));
  }
}
