package dev.alize.common.conflict;

import dev.alize.common.datasource.Datasource;
import java.util.List;

/** Child models of {@link Upstream#AMON}, as an admin would create them. */
final class Children {

  private Children() {}

  static ChildOverride set(String variable, String valueText) {
    return new ChildOverride(variable, valueText, null);
  }

  static ChildModel draft(
      List<ChildOverride> overrides, List<String> addedServices, List<String> removedServices) {
    return new ChildModel(
        "proxy-lyon", Upstream.AMON, overrides, addedServices, removedServices, null, List.of());
  }

  /**
   * The Lyon proxy: adds monitoring, and overrides inherited variables (one without an upstream
   * value) and a variable of the added service.
   */
  static ChildModel lyonDraft() {
    return draft(
        List.of(
            set("proxy_port", "3129"),
            set("proxy_mode", "explicit"),
            set("proxy_networks", "[192.168.0.0/16]"),
            set("proxy_parent", "parent.example.org"),
            set("monitor_interval", "120")),
        List.of("monitoring"),
        List.of());
  }

  /** {@code draft} as reviewed against {@code datasource} at {@code version}. */
  static ChildModel reviewed(ChildModel draft, Datasource datasource, String version) {
    return ChildModels.reconcile(
        draft,
        datasource.findModel("2.9", "amon").orElseThrow(),
        datasource.services().get("2.9"),
        version);
  }

  static ChildModel lyon() {
    return reviewed(lyonDraft(), Upstream.standard(), "1.0.0");
  }
}
