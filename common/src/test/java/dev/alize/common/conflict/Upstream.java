package dev.alize.common.conflict;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.MemorySourceTree;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small upstream datasource, "eole", with release 2.9: model amon extends base, and a monitoring
 * service no model uses, for children to add. Each test states only what a new version changes.
 */
final class Upstream {

  static final ModelRef AMON = new ModelRef("eole", "2.9", "amon");

  static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put(
        "datasource.yaml",
        """
        format: 1
        name: eole
        title: EOLE server models
        maintainer: EOLE team <eole@example.org>
        """);
    FILES.put(
        "releases/2.9.yaml",
        """
        name: "2.9"
        status: supported
        end_of_support: 2030-01-01
        """);
    FILES.put(
        "services/proxy.yaml",
        """
        name: proxy
        packages: [squid]
        variables:
          proxy_port:
            type: port
            default: 3128
          proxy_mode:
            type: choice
            choices: [transparent, explicit]
            default: transparent
          proxy_auth:
            type: boolean
            default: false
          proxy_networks:
            type: list
            items: cidr
            default: [10.0.0.0/8]
          proxy_parent:
            type: hostname
        """);
    FILES.put(
        "services/dns.yaml",
        """
        name: dns
        variables:
          dns_domain:
            type: hostname
            default: lan.example.org
          dns_forwarders:
            type: list
            items: ip
            default: [192.0.2.53]
        """);
    FILES.put(
        "services/monitoring.yaml",
        """
        name: monitoring
        variables:
          monitor_interval:
            type: integer
            min: 10
            max: 3600
            default: 60
          monitor_label:
            type: string
            pattern: "[a-z]+"
        """);
    FILES.put(
        "servermodels/2.9/base.yaml",
        """
        name: base
        release: "2.9"
        title: Base
        services: [dns]
        """);
    FILES.put(
        "servermodels/2.9/amon.yaml",
        """
        name: amon
        release: "2.9"
        title: Firewall
        extends: base
        services: [proxy]
        variables:
          proxy_port: 8080
        """);
  }

  private Upstream() {}

  /** The datasource with {@code changes} applied: a null content removes the file. */
  static Datasource load(Map<String, String> changes) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    FILES.forEach((path, content) -> files.put(path, content.getBytes(StandardCharsets.UTF_8)));
    changes.forEach(
        (path, content) -> {
          if (content == null) {
            files.remove(path);
          } else {
            files.put(path, content.getBytes(StandardCharsets.UTF_8));
          }
        });
    return new DatasourceLoader().load(new MemorySourceTree("eole", files)).orThrow();
  }

  static Datasource standard() {
    return load(Map.of());
  }

  /**
   * A change to {@code path} of the standard datasource, {@code from} replaced by {@code to}, in a
   * map to which more changes can be added.
   */
  static Map<String, String> edit(String path, String from, String to) {
    String content = FILES.get(path);
    if (!content.contains(from)) {
      throw new IllegalArgumentException(path + " has no '" + from + "'");
    }
    Map<String, String> changes = new HashMap<>();
    changes.put(path, content.replace(from, to));
    return changes;
  }

  static UpstreamParent parentIn(Datasource datasource) {
    return UpstreamParent.of(datasource, AMON);
  }
}
