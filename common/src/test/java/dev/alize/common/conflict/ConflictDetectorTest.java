package dev.alize.common.conflict;

import static dev.alize.common.conflict.Children.draft;
import static dev.alize.common.conflict.Children.lyon;
import static dev.alize.common.conflict.Children.reviewed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.datasource.Datasource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictDetectorTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);

  private static List<Conflict> detect(ChildModel child, Datasource upstream) {
    return ConflictDetector.detect(child, Upstream.parentIn(upstream), TODAY);
  }

  private static List<Conflict> detect(ChildModel child, Map<String, String> changes) {
    return detect(child, Upstream.load(changes));
  }

  /** Asserts exactly one conflict and returns it. */
  private static Conflict only(List<Conflict> conflicts) {
    assertEquals(1, conflicts.size(), conflicts::toString);
    return conflicts.get(0);
  }

  private static void assertConflict(
      Conflict conflict,
      ConflictKind kind,
      String subject,
      Severity severity,
      Map<String, String> details) {
    assertEquals(kind, conflict.kind(), conflict::toString);
    assertEquals(subject, conflict.subject(), conflict::toString);
    assertEquals(severity, conflict.severity(), conflict::toString);
    assertEquals(details, conflict.details(), conflict::toString);
    assertEquals("proxy-lyon", conflict.child());
    assertTrue(conflict.message().contains("'proxy-lyon'"), conflict::message);
    assertTrue(conflict.message().contains(subject), conflict::message);
    assertTrue(conflict.message().endsWith("."), conflict::message);
  }

  private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new HashMap<>(a);
    all.putAll(b);
    return all;
  }

  private static final String PROXY = "services/proxy.yaml";
  private static final String MONITORING = "services/monitoring.yaml";
  private static final String RELEASE = "releases/2.9.yaml";
  private static final String AMON = "servermodels/2.9/amon.yaml";
  private static final String BASE = "servermodels/2.9/base.yaml";

  @Test
  void detect_nothingChanged_noConflict() {
    assertEquals(List.of(), detect(lyon(), Map.of()));
  }

  @Test
  void detect_unrelatedUpstreamChange_noConflict() {
    Map<String, String> changes =
        merged(
            Upstream.edit(BASE, "title: Base", "title: Base server"),
            Upstream.edit("services/dns.yaml", "lan.example.org", "home.example.org"));
    assertEquals(List.of(), detect(lyon(), changes));
  }

  @Test
  void detect_parentWithdrawn_isBlocking() {
    Map<String, String> changes = new HashMap<>();
    changes.put(AMON, null);
    List<Conflict> conflicts = detect(lyon(), changes);
    assertConflict(
        only(conflicts),
        ConflictKind.PARENT_WITHDRAWN,
        "eole/2.9/amon",
        Severity.BLOCKING,
        Map.of("parent", "eole/2.9/amon"));
  }

  @Test
  void detect_parentWithdrawn_skipsServicesAndOverridesButKeepsEndOfSupport() {
    Map<String, String> changes = new HashMap<>();
    changes.put(AMON, null);
    changes.put(MONITORING, null);
    changes.putAll(Upstream.edit(RELEASE, "status: supported", "status: end-of-support"));
    List<Conflict> conflicts = detect(lyon(), changes);
    assertEquals(2, conflicts.size(), conflicts::toString);
    assertEquals(ConflictKind.PARENT_WITHDRAWN, conflicts.get(0).kind());
    assertEquals(ConflictKind.END_OF_SUPPORT, conflicts.get(1).kind());
  }

  @Test
  void detect_parentWithdrawn_whenTheWholeReleaseIsGone() {
    Map<String, String> changes = new HashMap<>();
    changes.put(RELEASE, null);
    changes.put(AMON, null);
    changes.put(BASE, null);
    Datasource upstream = Upstream.load(changes);
    UpstreamParent parent = Upstream.parentIn(upstream);
    assertTrue(parent.release().isEmpty());
    assertTrue(parent.releaseServices().isEmpty());
    Conflict conflict = only(ConflictDetector.detect(lyon(), parent, TODAY));
    assertEquals(ConflictKind.PARENT_WITHDRAWN, conflict.kind());
  }

  @Test
  void detect_variableRemoved_isBlocking() {
    Map<String, String> changes = Upstream.edit(PROXY, "  proxy_parent:\n    type: hostname\n", "");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.VARIABLE_REMOVED,
        "proxy_parent",
        Severity.BLOCKING,
        Map.of("override", "parent.example.org"));
  }

  @Test
  void detect_overrideInvalid_whenMaxBoundNarrowed() {
    ChildModel child =
        reviewed(
            draft(List.of(Children.set("proxy_port", "9000")), List.of(), List.of()),
            Upstream.standard(),
            "1.0.0");
    Map<String, String> changes =
        Upstream.edit(PROXY, "default: 3128\n", "default: 3128\n    max: 8999\n");
    assertConflict(
        only(detect(child, changes)),
        ConflictKind.OVERRIDE_INVALID,
        "proxy_port",
        Severity.BLOCKING,
        Map.of("override", "9000", "type", "port", "reason", "9000 is above the maximum 8999"));
  }

  @Test
  void detect_overrideInvalid_whenAddedServiceMaxNarrowed() {
    Map<String, String> changes = Upstream.edit(MONITORING, "max: 3600", "max: 100");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.OVERRIDE_INVALID,
        "monitor_interval",
        Severity.BLOCKING,
        Map.of("override", "120", "type", "integer", "reason", "120 is above the maximum 100"));
  }

  @Test
  void detect_overrideInvalid_whenChoiceRemoved() {
    Map<String, String> changes =
        Upstream.edit(
            PROXY, "choices: [transparent, explicit]", "choices: [transparent, authenticated]");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.OVERRIDE_INVALID,
        "proxy_mode",
        Severity.BLOCKING,
        Map.of(
            "override",
            "explicit",
            "type",
            "choice",
            "reason",
            "'explicit' is not one of the choices [transparent, authenticated]"));
  }

  @Test
  void detect_overrideInvalid_whenTypeChanged() {
    ChildModel child =
        reviewed(
            draft(
                List.of(
                    Children.set("proxy_auth", "true"),
                    Children.set("proxy_networks", "[192.168.0.0/16]")),
                List.of(),
                List.of()),
            Upstream.standard(),
            "1.0.0");
    String proxy =
        Upstream.FILES
            .get(PROXY)
            .replace(
                "type: boolean\n    default: false",
                "type: choice\n    choices: [none, basic]\n    default: none")
            .replace(
                "items: cidr\n    default: [10.0.0.0/8]", "items: ip\n    default: [10.0.0.1]");
    Map<String, String> changes = Map.of(PROXY, proxy);
    List<Conflict> conflicts = detect(child, changes);
    assertEquals(2, conflicts.size(), conflicts::toString);
    assertConflict(
        conflicts.get(0),
        ConflictKind.OVERRIDE_INVALID,
        "proxy_auth",
        Severity.BLOCKING,
        Map.of(
            "override",
            "true",
            "type",
            "choice",
            "reason",
            "'true' is not one of the choices [none, basic]"));
    assertConflict(
        conflicts.get(1),
        ConflictKind.OVERRIDE_INVALID,
        "proxy_networks",
        Severity.BLOCKING,
        Map.of(
            "override",
            "[192.168.0.0/16]",
            "type",
            "list of ip",
            "reason",
            "an item of the value: '192.168.0.0/16' is not an IPv4 or IPv6 address"));
  }

  @Test
  void detect_serviceRemoved_addedByTheChild() {
    Map<String, String> changes = new HashMap<>();
    changes.put(MONITORING, null);
    List<Conflict> conflicts = detect(lyon(), changes);
    assertEquals(2, conflicts.size(), conflicts::toString);
    assertConflict(
        conflicts.get(0),
        ConflictKind.VARIABLE_REMOVED,
        "monitor_interval",
        Severity.BLOCKING,
        Map.of("override", "120"));
    assertConflict(
        conflicts.get(1),
        ConflictKind.SERVICE_REMOVED,
        "monitoring",
        Severity.BLOCKING,
        Map.of("how", "added by the child"));
  }

  @Test
  void detect_serviceRemoved_inheritedFromTheParent() {
    Map<String, String> changes = Upstream.edit(BASE, "services: [dns]", "services: []");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.SERVICE_REMOVED,
        "dns",
        Severity.BLOCKING,
        Map.of("how", "inherited from the parent"));
  }

  @Test
  void detect_serviceRemoved_notRaisedForAServiceTheChildRemoved() {
    ChildModel child =
        reviewed(draft(List.of(), List.of(), List.of("dns")), Upstream.standard(), "1.0.0");
    assertEquals(List.of(), detect(child, Upstream.edit(BASE, "services: [dns]", "services: []")));
  }

  @Test
  void detect_serviceRemoved_notRaisedForAServiceTheParentGainedAfterReview() {
    ChildModel child = lyon();
    Map<String, String> gained = Upstream.edit(AMON, "services: [proxy]", "services: [proxy, x]");
    gained.put("services/x.yaml", "name: x\n");
    assertEquals(List.of(), detect(child, gained));
  }

  @Test
  void detect_defaultChanged_isWarning() {
    Map<String, String> changes = Upstream.edit(AMON, "proxy_port: 8080", "proxy_port: 8081");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.DEFAULT_CHANGED,
        "proxy_port",
        Severity.WARNING,
        Map.of("old", "8080", "new", "8081", "override", "3129"));
  }

  @Test
  void detect_defaultChanged_whenUpstreamSetsAValueItHadNot() {
    Map<String, String> changes =
        Upstream.edit(
            PROXY, "type: hostname\n", "type: hostname\n    default: cache.example.org\n");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.DEFAULT_CHANGED,
        "proxy_parent",
        Severity.WARNING,
        Map.of("old", "(none)", "new", "cache.example.org", "override", "parent.example.org"));
  }

  @Test
  void detect_defaultChanged_whenUpstreamDropsItsValue() {
    Map<String, String> changes = Upstream.edit(AMON, "variables:\n  proxy_port: 8080\n", "");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.DEFAULT_CHANGED,
        "proxy_port",
        Severity.WARNING,
        Map.of("old", "8080", "new", "3128", "override", "3129"));
  }

  @Test
  void detect_defaultChanged_ofAnAddedServiceAndOfAList() {
    Map<String, String> changes =
        merged(
            Upstream.edit(MONITORING, "default: 60", "default: 90"),
            Upstream.edit(PROXY, "default: [10.0.0.0/8]", "default: [10.0.0.0/8, 172.16.0.0/12]"));
    List<Conflict> conflicts = detect(lyon(), changes);
    assertEquals(2, conflicts.size(), conflicts::toString);
    assertConflict(
        conflicts.get(0),
        ConflictKind.DEFAULT_CHANGED,
        "monitor_interval",
        Severity.WARNING,
        Map.of("old", "60", "new", "90", "override", "120"));
    assertConflict(
        conflicts.get(1),
        ConflictKind.DEFAULT_CHANGED,
        "proxy_networks",
        Severity.WARNING,
        Map.of(
            "old",
            "[10.0.0.0/8]",
            "new",
            "[10.0.0.0/8, 172.16.0.0/12]",
            "override",
            "[192.168.0.0/16]"));
  }

  @Test
  void detect_defaultChanged_notRaisedAfterReconcile() {
    Datasource next = Upstream.load(Upstream.edit(AMON, "proxy_port: 8080", "proxy_port: 8081"));
    ChildModel child = lyon();
    assertEquals(ConflictKind.DEFAULT_CHANGED, only(detect(child, next)).kind());

    ChildModel reconciled = reviewed(child, next, "2.0.0");
    assertEquals("2.0.0", reconciled.reconciledVersion());
    assertEquals(List.of(), detect(reconciled, next));
  }

  @Test
  void detect_defaultChanged_stillRaisedOnLaterImportsUntilReconciled() {
    ChildModel child = lyon();
    Map<String, String> changed = Upstream.edit(AMON, "proxy_port: 8080", "proxy_port: 8081");
    Map<String, String> later =
        merged(changed, Upstream.edit(BASE, "title: Base", "title: Base server"));
    assertEquals(detect(child, changed), detect(child, later));
  }

  @Test
  void detect_endOfSupport_byStatus() {
    Map<String, String> changes = Map.of(RELEASE, "name: \"2.9\"\nstatus: end-of-support\n");
    assertConflict(
        only(detect(lyon(), changes)),
        ConflictKind.END_OF_SUPPORT,
        "2.9",
        Severity.INFORMATION,
        Map.of("status", "end-of-support", "end-of-support", "(none)"));
  }

  @Test
  void detect_endOfSupport_byDate() {
    UpstreamParent upstream = Upstream.parentIn(Upstream.standard());
    ChildModel child = lyon();
    assertEquals(List.of(), ConflictDetector.detect(child, upstream, LocalDate.of(2029, 12, 31)));
    for (LocalDate day : List.of(LocalDate.of(2030, 1, 1), LocalDate.of(2031, 6, 1))) {
      assertConflict(
          only(ConflictDetector.detect(child, upstream, day)),
          ConflictKind.END_OF_SUPPORT,
          "2.9",
          Severity.INFORMATION,
          Map.of("status", "supported", "end-of-support", "2030-01-01"));
    }
  }

  @Test
  void detect_sortsByKindThenSubject_andIsDeterministic() {
    Map<String, String> changes = new HashMap<>();
    changes.put(MONITORING, null);
    changes.put(RELEASE, "name: \"2.9\"\nstatus: end-of-support\n");
    changes.put(BASE, FILES_BASE_WITHOUT_DNS);
    changes.put(AMON, Upstream.FILES.get(AMON).replace("proxy_port: 8080", "proxy_port: 8081"));
    changes.put(
        PROXY,
        Upstream.FILES
            .get(PROXY)
            .replace("  proxy_parent:\n    type: hostname\n", "")
            .replace("[transparent, explicit]", "[transparent, authenticated]"));
    Datasource upstream = Upstream.load(changes);
    List<Conflict> conflicts = detect(lyon(), upstream);
    assertEquals(
        List.of(
            "variable-removed monitor_interval",
            "variable-removed proxy_parent",
            "override-invalid proxy_mode",
            "service-removed dns",
            "service-removed monitoring",
            "default-changed proxy_port",
            "end-of-support 2.9"),
        conflicts.stream().map(c -> c.kind().wireName() + " " + c.subject()).toList());
    assertEquals(conflicts, detect(lyon(), upstream));
    for (Conflict conflict : conflicts) {
      assertTrue(conflict.message().contains("'proxy-lyon'"), conflict::message);
      assertTrue(conflict.message().contains(conflict.subject()), conflict::message);
    }
  }

  private static final String FILES_BASE_WITHOUT_DNS =
      "name: base\nrelease: \"2.9\"\ntitle: Base\nservices: []\n";
}
