package dev.alize.common.conflict;

import static dev.alize.common.conflict.Children.draft;
import static dev.alize.common.conflict.Children.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildModelsTest {

  private static final Datasource UPSTREAM = Upstream.standard();
  private static final EffectiveModel AMON = UPSTREAM.findModel("2.9", "amon").orElseThrow();
  private static final Map<String, Service> SERVICES = UPSTREAM.services().get("2.9");

  private static List<String> problems(ChildModel draft) {
    return ChildModels.problems(draft, AMON, SERVICES, ChildFieldNames.COMMAND_LINE);
  }

  private static List<String> problems(
      List<ChildOverride> overrides, List<String> added, List<String> removed) {
    return problems(draft(overrides, added, removed));
  }

  private static ChildModel named(String name) {
    return new ChildModel(name, Upstream.AMON, List.of(), List.of(), List.of(), null, List.of());
  }

  @Test
  void problems_validDraft_none() {
    assertEquals(List.of(), problems(Children.lyonDraft()));
    assertEquals(List.of(), problems(List.of(), List.of(), List.of("dns")));
    assertEquals(List.of(), problems(named("proxy.lyon_2-b")));
  }

  @Test
  void problems_invalidName() {
    String rule =
        "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, at most"
            + " 63 characters";
    assertEquals(List.of("name 'Proxy Lyon': " + rule), problems(named("Proxy Lyon")));
    assertEquals(List.of("name '-proxy': " + rule), problems(named("-proxy")));
    assertEquals(List.of("name '': " + rule), problems(named("")));
    assertEquals(
        List.of("name '" + "a".repeat(40) + "...': " + rule), problems(named("a".repeat(64))));
    assertEquals(List.of(), problems(named("a".repeat(63))));
  }

  @Test
  void problems_addedServiceNotInRelease() {
    assertEquals(
        List.of("--add-service eole-foo: release 2.9 of eole offers no such service"),
        problems(List.of(), List.of("eole-foo"), List.of()));
  }

  @Test
  void problems_addedServiceAlreadyInParent() {
    assertEquals(
        List.of("--add-service dns: the parent eole/2.9/amon already has this service"),
        problems(List.of(), List.of("dns"), List.of()));
  }

  @Test
  void problems_removedServiceNotInParent() {
    assertEquals(
        List.of("--remove-service monitoring: the parent eole/2.9/amon has no such service"),
        problems(List.of(), List.of(), List.of("monitoring")));
  }

  @Test
  void problems_serviceBothAddedAndRemoved() {
    assertEquals(
        List.of(
            "--add-service monitoring: it is also given to --remove-service; keep one of the two"
                + " options"),
        problems(List.of(), List.of("monitoring"), List.of("monitoring")));
  }

  @Test
  void problems_serviceGivenTwice() {
    assertEquals(
        List.of(
            "--add-service monitoring: given more than once",
            "--remove-service dns: given more than once"),
        problems(List.of(), List.of("monitoring", "monitoring"), List.of("dns", "dns")));
  }

  @Test
  void problems_unknownVariable() {
    assertEquals(
        List.of(
            "--set nope=1: neither the parent eole/2.9/amon nor a service added with --add-service"
                + " has a variable 'nope'"),
        problems(List.of(set("nope", "1")), List.of(), List.of()));
  }

  @Test
  void problems_variableOfAServiceNotAdded() {
    assertEquals(
        List.of(
            "--set monitor_interval=120: neither the parent eole/2.9/amon nor a service added with"
                + " --add-service has a variable 'monitor_interval'"),
        problems(List.of(set("monitor_interval", "120")), List.of(), List.of()));
  }

  @Test
  void problems_variableOfARemovedService() {
    assertEquals(
        List.of(
            "--set dns_domain=home.example.org: variable 'dns_domain' belongs to service 'dns',"
                + " which --remove-service drops; keep the service or drop the value"),
        problems(List.of(set("dns_domain", "home.example.org")), List.of(), List.of("dns")));
  }

  @Test
  void problems_invalidValue() {
    assertEquals(
        List.of("--set proxy_port=99999: port 99999 is outside 1..65535"),
        problems(List.of(set("proxy_port", "99999")), List.of(), List.of()));
    assertEquals(
        List.of("--set monitor_interval=5: 5 is below the minimum 10"),
        problems(List.of(set("monitor_interval", "5")), List.of("monitoring"), List.of()));
    assertEquals(
        List.of("--set monitor_label=Lyon: 'Lyon' does not match the pattern [a-z]+"),
        problems(List.of(set("monitor_label", "Lyon")), List.of("monitoring"), List.of()));
    assertEquals(
        List.of(
            "--set proxy_mode=cache: 'cache' is not one of the choices [transparent, explicit]"),
        problems(List.of(set("proxy_mode", "cache")), List.of(), List.of()));
  }

  @Test
  void problems_hostileValue_isShortenedAndRefused() {
    String huge = "x".repeat(1 << 20);
    List<String> found = problems(List.of(set("proxy_parent", huge)), List.of(), List.of());
    assertEquals(
        List.of(
            "--set proxy_parent="
                + "x".repeat(27)
                + "...: the value is 1048576 characters long, more than the limit of 65536"),
        found);
    assertEquals(
        List.of(
            "--set proxy_parent=!!java.lang.Object []: YAML tag !!java.lang.Object is not"
                + " allowed: only !!str, !!int, !!bool, !!null, !!seq and !!map"),
        problems(List.of(set("proxy_parent", "!!java.lang.Object []")), List.of(), List.of()));
  }

  @Test
  void problems_listsEveryProblemInOrder() {
    ChildModel draft =
        new ChildModel(
            "Bad",
            Upstream.AMON,
            List.of(set("proxy_port", "0"), set("nope", "1")),
            List.of("proxy"),
            List.of("monitoring"),
            null,
            List.of());
    assertEquals(
        List.of(
            "name 'Bad': use lowercase letters, digits, '.', '_' and '-', starting with a letter"
                + " or digit, at most 63 characters",
            "--add-service proxy: the parent eole/2.9/amon already has this service",
            "--remove-service monitoring: the parent eole/2.9/amon has no such service",
            "--set nope=1: neither the parent eole/2.9/amon nor a service added with"
                + " --add-service has a variable 'nope'",
            "--set proxy_port=0: port 0 is outside 1..65535"),
        problems(draft));
  }

  @Test
  void reconcile_recordsVersionServicesAndUpstreamValues() {
    ChildModel draft = Children.lyonDraft();
    ChildModel child = ChildModels.reconcile(draft, AMON, SERVICES, "1.2.0");
    assertEquals("1.2.0", child.reconciledVersion());
    assertEquals(List.of("dns", "proxy"), child.reconciledServices());
    assertEquals(draft.name(), child.name());
    assertEquals(draft.parent(), child.parent());
    assertEquals(draft.addedServices(), child.addedServices());
    assertEquals(draft.removedServices(), child.removedServices());
    assertEquals(
        List.of(
            new ChildOverride("monitor_interval", "120", "60"),
            new ChildOverride("proxy_mode", "explicit", "\"transparent\""),
            new ChildOverride("proxy_networks", "[192.168.0.0/16]", "[\"10.0.0.0/8\"]"),
            new ChildOverride("proxy_parent", "parent.example.org", null),
            new ChildOverride("proxy_port", "3129", "8080")),
        child.overrides());
  }

  @Test
  void reconcile_unknownVariable_recordsNoUpstreamValue() {
    ChildModel child =
        ChildModels.reconcile(
            draft(List.of(new ChildOverride("nope", "1", "\"old\"")), List.of(), List.of()),
            AMON,
            SERVICES,
            "1.2.0");
    assertNull(child.overrides().get(0).reconciledJson());
  }
}
