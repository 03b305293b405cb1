package dev.alize.consumer.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes a generated datasource in the format of {@code datasources/README.md}, at the scale a
 * measure asks for, over a few distribution releases, in one of two kinds. {@link Kind#SIMPLE}: a
 * dozen services of ten variables of every type, and server models that each run three services
 * (about thirty variables) and set a dozen of them; one model in ten extends its release's base
 * model. {@link Kind#ACADEMY}: what academies publish, see {@link AcademyDatasource}. Generations
 * after the first change a chosen fraction of the models, spread evenly through the datasource.
 */
public final class BenchDatasource {

  public static final String NAME = "bench";
  static final List<String> RELEASES = List.of("2024.04", "2024.10", "2025.04", "2025.10");
  public static final int SERVICES = 12;
  static final int SERVICES_PER_MODEL = 3;

  /** The integer variable of each service: the one a changed model changes, a child overrides. */
  public static final String CHANGED_VARIABLE = "v0";

  private BenchDatasource() {}

  /** What the models look like. */
  public enum Kind {
    /** Independent models of three services each. */
    SIMPLE,
    /** Per-site variants of role models that extend a base model. */
    ACADEMY
  }

  /**
   * What to write.
   *
   * @param models how many server models, spread evenly over the releases
   * @param changes for each version after the first, the share of models it changes
   * @param descriptionChars the length of each model's description, to scale the archive's size
   */
  public record Shape(Kind kind, int models, List<Double> changes, int descriptionChars) {

    public Shape {
      changes = List.copyOf(changes);
      if (kind == Kind.ACADEMY && perRelease(models) < AcademyDatasource.MODELS_PER_RELEASE) {
        throw new IllegalArgumentException(
            "an academy needs at least "
                + AcademyDatasource.MODELS_PER_RELEASE
                + " models a release: "
                + models);
      }
    }

    public static Shape first(int models) {
      return first(Kind.SIMPLE, models);
    }

    public static Shape first(Kind kind, int models) {
      return new Shape(kind, models, List.of(), 120);
    }

    /** The next version: {@code fraction} of the models changed, spread evenly. */
    public Shape next(double fraction) {
      List<Double> more = new ArrayList<>(changes);
      more.add(fraction);
      return new Shape(kind, models, more, descriptionChars);
    }

    /** The name of model {@code i}. */
    public String modelName(int i) {
      return kind == Kind.SIMPLE
          ? BenchDatasource.modelName(i, models)
          : AcademyDatasource.modelName(i, indexInRelease(i, models));
    }

    /** The variables of model {@code i}'s effective model: defaults included. */
    public int effectiveVariables(int i) {
      if (kind == Kind.ACADEMY) {
        return AcademyDatasource.effectiveVariables(indexInRelease(i, models));
      }
      List<Integer> services = new ArrayList<>(simpleServices(i));
      if (extendsBase(i, models)) {
        simpleServices(i - indexInRelease(i, models)).stream()
            .filter(s -> !services.contains(s))
            .forEach(services::add);
      }
      return services.size() * 10;
    }

    /** What the data is, in words, for a report's notes. */
    public String shown() {
      double mean = IntStream.range(0, models).mapToDouble(this::effectiveVariables).sum() / models;
      String what =
          kind == Kind.SIMPLE
              ? "models running three of " + SERVICES + " services"
              : "in each a base model, "
                  + AcademyDatasource.ROLES.size()
                  + " role models extending it and per-site variants of the roles";
      return String.format(
          Locale.ROOT,
          "%s data: %,d models over %d releases, %s; %.1f effective variables a model on average",
          kind.name().toLowerCase(Locale.ROOT),
          models,
          RELEASES.size(),
          what,
          mean);
    }

    /**
     * Values a child of model {@code i} overrides, all in its parent's effective model: among them
     * the one a change of model {@code i} changes, so that the change conflicts with the child.
     */
    public Map<String, String> childValues(int i, int k) {
      if (kind == Kind.ACADEMY) {
        return AcademyDatasource.childValues(indexInRelease(i, models), k);
      }
      int s = i % SERVICES;
      return Map.of(
          variable(s, CHANGED_VARIABLE), Integer.toString(5000 + k), variable(s, "v2"), "9000");
    }

    /** The last version that changed model {@code i}, 0 for none: what its values depend on. */
    public int lastChange(int i) {
      for (int g = changes.size(); g >= 1; g--) {
        double f = changes.get(g - 1);
        // Each version's share starts at a different model, so that small shares differ.
        int shifted = (i + g * 7) % models;
        if (Math.floor((shifted + 1) * f) > Math.floor(shifted * f)) {
          return g;
        }
      }
      return 0;
    }
  }

  /**
   * The name of model {@code i} of the simple kind: the base of each release is index 0 of that
   * release.
   */
  public static String modelName(int i, int models) {
    return indexInRelease(i, models) == 0 ? "base" : String.format(Locale.ROOT, "model-%06d", i);
  }

  /** The release model {@code i} belongs to. */
  public static String release(int i, int models) {
    return RELEASES.get(Math.min(RELEASES.size() - 1, i / perRelease(models)));
  }

  /** The first service model {@code i} runs, whose {@link #CHANGED_VARIABLE} it sets. */
  static String firstService(int i) {
    return service(i % SERVICES);
  }

  static String service(int s) {
    return String.format(Locale.ROOT, "svc-%02d", s);
  }

  public static String variable(int s, String v) {
    return String.format(Locale.ROOT, "s%02d_%s", s, v);
  }

  private static int perRelease(int models) {
    return Math.max(1, (models + RELEASES.size() - 1) / RELEASES.size());
  }

  private static int indexInRelease(int i, int models) {
    return i - RELEASES.indexOf(release(i, models)) * perRelease(models);
  }

  /** Writes the datasource of {@code shape} into the new folder {@code dir}. */
  public static void write(Path dir, Shape shape) throws IOException {
    Files.createDirectories(dir.resolve("releases"));
    Files.createDirectories(dir.resolve("services"));
    write(
        dir.resolve("datasource.yaml"),
        """
        format: 1
        name: bench
        title: Generated benchmark models
        maintainer: Alizé benchmark <bench@example.org>
        description: Server models generated for the benchmark.
        """);
    for (int r = 0; r < RELEASES.size(); r++) {
      String release = RELEASES.get(r);
      Files.createDirectories(dir.resolve("servermodels").resolve(release));
      write(
          dir.resolve("releases").resolve(release + ".yaml"),
          "name: \""
              + release
              + "\"\nstatus: supported\ndescription: Release "
              + release
              + " of the generated distribution.\n");
    }
    if (shape.kind() == Kind.SIMPLE) {
      for (int s = 0; s < SERVICES; s++) {
        write(dir.resolve("services").resolve(service(s) + ".yaml"), serviceYaml(s));
      }
    } else {
      for (int s = 0; s < AcademyDatasource.SERVICES.size(); s++) {
        AcademyDatasource.ServiceSpec service = AcademyDatasource.SERVICES.get(s);
        write(
            dir.resolve("services").resolve(service.name() + ".yaml"),
            AcademyDatasource.serviceYaml(service, s));
      }
    }
    try {
      IntStream.range(0, shape.models())
          .parallel()
          .forEach(
              i -> {
                Path file =
                    dir.resolve("servermodels")
                        .resolve(release(i, shape.models()))
                        .resolve(shape.modelName(i) + ".yaml");
                try {
                  write(file, modelYaml(i, shape));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String serviceYaml(int s) {
    StringBuilder y = new StringBuilder();
    y.append("name: ").append(service(s)).append('\n');
    y.append("description: Generated service ").append(s).append(".\n");
    y.append("packages: [package-").append(s).append("-server, package-").append(s);
    y.append("-client]\nvariables:\n");
    variable(y, s, "v0", "integer", "min: 0", "max: 100000000", "default: 100");
    variable(y, s, "v1", "string", "default: value");
    variable(y, s, "v2", "port", "default: 8080");
    variable(y, s, "v3", "boolean", "default: false");
    variable(y, s, "v4", "choice", "choices: [alpha, beta, gamma]", "default: alpha");
    variable(y, s, "v5", "list", "items: string", "default: [a, b]");
    variable(y, s, "v6", "ip", "default: 10.0.0.1");
    variable(y, s, "v7", "hostname", "default: host.example.org");
    variable(y, s, "v8", "cidr", "default: 10.0.0.0/8");
    variable(y, s, "v9", "password");
    return y.toString();
  }

  private static void variable(StringBuilder y, int s, String v, String type, String... more) {
    y.append("  ").append(variable(s, v)).append(":\n    type: ").append(type).append('\n');
    for (String line : more) {
      y.append("    ").append(line).append('\n');
    }
    y.append("    description: Variable ").append(v).append(" of service ").append(s);
    y.append(".\n");
  }

  private static String modelYaml(int i, Shape shape) {
    int n = shape.models();
    int bump = shape.lastChange(i);
    int index = indexInRelease(i, n);
    StringBuilder y = new StringBuilder(1024 + shape.descriptionChars());
    y.append("name: ").append(shape.modelName(i)).append('\n');
    y.append("release: \"").append(release(i, n)).append("\"\n");
    y.append("title: ");
    y.append(shape.kind() == Kind.SIMPLE ? "Model " + i : AcademyDatasource.title(i, index, bump));
    y.append("\ndescription: >-\n");
    description(y, i, shape.descriptionChars());
    if (shape.kind() == Kind.ACADEMY) {
      AcademyDatasource.modelYaml(y, i, index, bump);
      return y.toString();
    }
    if (extendsBase(i, n)) {
      y.append("extends: base\n");
    }
    y.append("services: [");
    List<Integer> services = simpleServices(i);
    for (int k = 0; k < services.size(); k++) {
      y.append(k == 0 ? "" : ", ").append(service(services.get(k)));
    }
    y.append("]\nvariables:\n");
    for (int s : services) {
      y.append("  ").append(variable(s, "v0")).append(": ").append(1000 + i + bump).append('\n');
      y.append("  ").append(variable(s, "v1")).append(": model-").append(i).append('\n');
      y.append("  ").append(variable(s, "v6")).append(": 10.");
      y.append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.');
      y.append(i & 255).append('\n');
      y.append("  ").append(variable(s, "v7")).append(": m").append(i).append(".example.org\n");
    }
    return y.toString();
  }

  /** The services a simple model runs itself. */
  private static List<Integer> simpleServices(int i) {
    return IntStream.range(0, SERVICES_PER_MODEL).mapToObj(k -> (i + k * 4) % SERVICES).toList();
  }

  private static boolean extendsBase(int i, int models) {
    return indexInRelease(i, models) != 0 && i % 10 == 3;
  }

  /** Words, wrapped as a folded block: compressible like real prose, not like repeated bytes. */
  private static void description(StringBuilder y, int i, int chars) {
    long seed = i * 0x9E3779B97F4A7C15L + 1;
    int written = 0;
    int line = 0;
    y.append("  ");
    while (written < chars) {
      seed ^= seed << 13;
      seed ^= seed >>> 7;
      seed ^= seed << 17;
      String word = WORDS.get((int) Math.floorMod(seed, (long) WORDS.size()));
      if (line > 0 && line + word.length() > 76) {
        y.append("\n  ");
        line = 0;
      } else if (line > 0) {
        y.append(' ');
        line++;
      }
      y.append(word);
      line += word.length();
      written += word.length() + 1;
    }
    y.append('\n');
  }

  private static final List<String> WORDS =
      List.of(
          "server",
          "gateway",
          "proxy",
          "school",
          "domain",
          "network",
          "backup",
          "firewall",
          "mail",
          "share",
          "directory",
          "pupils",
          "teachers",
          "nightly",
          "address",
          "route",
          "filter",
          "cache",
          "quota",
          "policy",
          "update",
          "mirror",
          "cluster",
          "replica",
          "storage",
          "volume",
          "tunnel",
          "bridge",
          "interface",
          "schedule",
          "retention",
          "certificate",
          "authority",
          "resolver",
          "forwarder",
          "zone",
          "lease",
          "range",
          "printer",
          "terminal",
          "desktop",
          "profile",
          "roaming",
          "kerberos",
          "realm",
          "ldap",
          "audit",
          "journal",
          "rotation",
          "archive",
          "snapshot",
          "restore",
          "failover");

  private static void write(Path file, String text) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(text);
    }
  }
}
