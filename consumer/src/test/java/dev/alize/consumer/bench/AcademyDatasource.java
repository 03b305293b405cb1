package dev.alize.consumer.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The services and server models of an academy, as {@link BenchDatasource} writes them for {@link
 * BenchDatasource.Kind#ACADEMY}: in each release a {@code base} model running the common services,
 * role models (a school's {@code amon} gateway, its {@code scribe} file server…) that extend it and
 * add theirs, and per-site variants of the roles that each set their own subnets, DHCP range, name
 * and ports, their effective models holding 40 to 80 variables.
 */
final class AcademyDatasource {

  /** A service: its file name, the prefix of its variables and how many of them it defines. */
  record ServiceSpec(String name, String prefix, int variables) {}

  /** A role model: the services it adds to the base model's. */
  record Role(String name, List<String> services) {}

  static final List<ServiceSpec> SERVICES =
      List.of(
          new ServiceSpec("eole-system", "system", 10),
          new ServiceSpec("eole-network", "network", 12),
          new ServiceSpec("eole-monitoring", "monitoring", 8),
          new ServiceSpec("eole-firewall", "firewall", 10),
          new ServiceSpec("eole-proxy", "proxy", 12),
          new ServiceSpec("eole-dhcp", "dhcp", 10),
          new ServiceSpec("eole-vpn", "vpn", 8),
          new ServiceSpec("eole-filter", "filter", 8),
          new ServiceSpec("eole-ldap", "ldap", 10),
          new ServiceSpec("eole-samba", "samba", 12),
          new ServiceSpec("eole-mail", "mail", 10),
          new ServiceSpec("eole-web", "web", 8),
          new ServiceSpec("eole-print", "print", 8),
          new ServiceSpec("eole-backup", "backup", 10),
          new ServiceSpec("eole-ltsp", "ltsp", 8),
          new ServiceSpec("eole-ad", "ad", 12),
          new ServiceSpec("eole-dns", "dns", 8),
          new ServiceSpec("eole-zephir", "zephir", 10),
          new ServiceSpec("eole-db", "db", 12),
          new ServiceSpec("eole-vpnhub", "vpnhub", 10),
          new ServiceSpec("eole-cloud", "cloud", 12));

  static final List<String> BASE_SERVICES =
      List.of("eole-system", "eole-network", "eole-monitoring");

  static final List<Role> ROLES =
      List.of(
          new Role(
              "amon",
              List.of("eole-firewall", "eole-proxy", "eole-dhcp", "eole-filter", "eole-vpn")),
          new Role("scribe", List.of("eole-ldap", "eole-samba", "eole-mail", "eole-web")),
          new Role("horus", List.of("eole-samba", "eole-print", "eole-backup")),
          new Role("eclair", List.of("eole-ltsp", "eole-dhcp", "eole-print")),
          new Role("seth", List.of("eole-ad", "eole-dns", "eole-backup")),
          new Role("zephir", List.of("eole-zephir", "eole-db", "eole-web")),
          new Role("sphynx", List.of("eole-vpnhub", "eole-firewall")),
          new Role("hapy", List.of("eole-cloud", "eole-db", "eole-backup", "eole-web")));

  /** The roles of the variants in turn: every school has a gateway and a file server. */
  private static final List<Integer> VARIANT_ROLES = List.of(0, 1, 2, 0, 1, 3, 4, 0, 1, 7, 6, 5);

  /** The fewest models a release needs: its base, every role and one variant. */
  static final int MODELS_PER_RELEASE = ROLES.size() + 2;

  private AcademyDatasource() {}

  /** The name of model {@code index} of its release: base, then the roles, then the variants. */
  static String modelName(int i, int index) {
    if (index == 0) {
      return "base";
    }
    if (index <= ROLES.size()) {
      return ROLES.get(index - 1).name();
    }
    return role(index).name() + "-" + site(i);
  }

  /** The title; a change to the base or a role model changes its title alone, see modelYaml. */
  static String title(int i, int index, int bump) {
    if (index > ROLES.size()) {
      return role(index).name() + " of school " + site(i).toUpperCase(Locale.ROOT);
    }
    String title = index == 0 ? "Base model" : "Role " + ROLES.get(index - 1).name();
    return bump == 0 ? title : title + ", revision " + bump;
  }

  /** A school's code: seven digits and a letter. */
  private static String site(int i) {
    return String.format(Locale.ROOT, "%07d%c", i, (char) ('a' + i % 26));
  }

  private static Role role(int index) {
    return ROLES.get(VARIANT_ROLES.get((index - ROLES.size() - 1) % VARIANT_ROLES.size()));
  }

  /** The services of model {@code index}'s effective model. */
  private static List<String> effectiveServices(int index) {
    List<String> services = new ArrayList<>(BASE_SERVICES);
    if (index > ROLES.size()) {
      services.addAll(role(index).services());
    } else if (index > 0) {
      services.addAll(ROLES.get(index - 1).services());
    }
    return services;
  }

  static int effectiveVariables(int index) {
    return effectiveServices(index).stream().mapToInt(s -> spec(s).variables()).sum();
  }

  private static ServiceSpec spec(String name) {
    return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Values a child of model {@code index} overrides: the one that changes upstream (a conflict when
   * it does) and a port, both in its parent's effective model.
   */
  static Map<String, String> childValues(int index, int k) {
    String prefix = firstOwnService(index).prefix();
    return Map.of(prefix + "_limit", Integer.toString(5000 + k), prefix + "_port", "9000");
  }

  /** The first service of its role, for a role or a variant; the first of all, for the base. */
  private static ServiceSpec firstOwnService(int index) {
    List<String> services = effectiveServices(index);
    return spec(services.get(index == 0 ? 0 : BASE_SERVICES.size()));
  }

  static String serviceYaml(ServiceSpec service, int s) {
    StringBuilder y = new StringBuilder();
    String p = service.prefix();
    y.append("name: ").append(service.name()).append('\n');
    y.append("description: The ").append(p).append(" service of the academy's servers.\n");
    y.append("packages: [eole-").append(p).append(", ").append(p).append("-server]\n");
    y.append("variables:\n");
    List<String[]> all =
        List.of(
            new String[] {"enabled", "boolean", "default: true"},
            new String[] {"port", "port", "default: " + (1000 + 7 * s)},
            new String[] {"network", "cidr", "default: 10.0.0.0/8"},
            new String[] {"address", "ip", "default: 10.0.0.1"},
            new String[] {"hostname", "hostname", "default: " + p + ".example.org"},
            new String[] {
              "mode", "choice", "choices: [standard, strict, permissive]", "default: standard"
            },
            new String[] {"limit", "integer", "min: 1", "max: 100000000", "default: 100"},
            new String[] {"label", "string", "default: " + p},
            new String[] {"range_start", "ip", "default: 10.0.0.100"},
            new String[] {"range_end", "ip", "default: 10.0.0.200"},
            new String[] {"allowed", "list", "items: cidr", "default: [10.0.0.0/8]"},
            new String[] {"secret", "password"});
    for (String[] v : all.subList(0, service.variables())) {
      y.append("  ").append(p).append('_').append(v[0]).append(":\n");
      y.append("    type: ").append(v[1]).append('\n');
      for (int k = 2; k < v.length; k++) {
        y.append("    ").append(v[k]).append('\n');
      }
      y.append("    description: The ").append(v[0].replace('_', ' ')).append(" of the ");
      y.append(p).append(" service.\n");
    }
    return y.toString();
  }

  /**
   * The body of model {@code i} (the {@code index}th of its release) after its description: a
   * change bumps a value of a variant's own, and only the title of the base and role models, whose
   * values every variant inherits and whose changes would change them all.
   */
  static void modelYaml(StringBuilder y, int i, int index, int bump) {
    Map<String, String> values = new LinkedHashMap<>();
    if (index == 0) {
      y.append("services: [").append(String.join(", ", BASE_SERVICES)).append("]\n");
      values.put("monitoring_hostname", "supervision.ac-bench.fr");
      values.put("system_label", "Académie de Bench");
      values.put("network_allowed", "[10.0.0.0/8, 172.16.0.0/12]");
    } else if (index <= ROLES.size()) {
      Role role = ROLES.get(index - 1);
      y.append("extends: base\n");
      y.append("services: [").append(String.join(", ", role.services())).append("]\n");
      String first = firstOwnService(index).prefix();
      values.put(first + "_mode", "strict");
      values.put(first + "_label", role.name());
      values.put("system_hostname", role.name() + ".ac-bench.fr");
    } else {
      y.append("extends: ").append(role(index).name()).append('\n');
      variantValues(values, i, index, bump);
    }
    y.append("variables:\n");
    values.forEach((k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
  }

  /** A site's own values: its name, its subnets and, per service, a subnet and a DHCP range. */
  private static void variantValues(Map<String, String> values, int i, int index, int bump) {
    String net = String.format(Locale.ROOT, "10.%d.%d.", (i >> 8) & 255, i & 255);
    String name = modelName(i, index);
    values.put("system_hostname", name + ".ac-bench.fr");
    values.put("system_label", "Lycée " + site(i).toUpperCase(Locale.ROOT));
    values.put("network_address", net + "1");
    values.put("network_network", net + "0/24");
    if (i % 5 == 0) {
      values.put("monitoring_enabled", "false");
    }
    List<String> own = role(index).services();
    for (int k = 0; k < own.size(); k++) {
      ServiceSpec s = spec(own.get(k));
      String p = s.prefix() + "_";
      int sub = 32 * (k + 1);
      values.put(p + "address", net + (sub + 1));
      values.put(p + "network", net + sub + "/27");
      if (s.variables() >= 10) {
        values.put(p + "range_start", net + (sub + 10));
        values.put(p + "range_end", net + (sub + 30));
      }
      if (k == 0) {
        values.put(p + "limit", Integer.toString(1000 + i + bump));
        values.put(p + "port", Integer.toString(2000 + i % 60000));
        if (i % 3 == 0) {
          values.put(p + "mode", "permissive");
        }
      }
    }
  }
}
