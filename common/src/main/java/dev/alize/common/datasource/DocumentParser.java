package dev.alize.common.datasource;

import dev.alize.common.yaml.Position;
import dev.alize.common.yaml.YamlMapping;
import dev.alize.common.yaml.YamlNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks each file on its own against the format and keeps what it defines for {@link
 * DatasourceLinker}, which checks what spans files.
 */
final class DocumentParser {

  static final int FORMAT = 1;

  private static final Set<String> DATASOURCE_KEYS =
      Set.of("format", "name", "title", "maintainer", "description", "homepage");
  private static final Set<String> RELEASE_KEYS =
      Set.of("name", "codename", "status", "end_of_support", "description");
  private static final Set<String> SERVICE_KEYS =
      Set.of("name", "description", "packages", "variables");
  private static final Set<String> VARIABLE_KEYS =
      Set.of("type", "items", "description", "default", "min", "max", "choices", "pattern");
  private static final Set<String> MODEL_KEYS =
      Set.of("name", "release", "title", "description", "extends", "services", "variables");

  /** A service file, before it is placed in the releases it serves. */
  record ParsedService(
      String file, String scope, Service service, Map<String, Position> positions) {}

  /** A model file; its values stay YAML until the variables they set are known. */
  record ParsedModel(
      String file,
      String name,
      String release,
      Position releasePosition,
      String title,
      String description,
      String parent,
      Position parentPosition,
      List<String> services,
      Position servicesPosition,
      Map<String, YamlNode> values,
      Map<String, Position> valueKeyPositions) {}

  private final Problems problems;
  private final ValueParser values;

  DatasourceInfo info;
  final Map<String, Release> releases = new LinkedHashMap<>();
  final List<ParsedService> services = new ArrayList<>();
  final List<ParsedModel> models = new ArrayList<>();

  /**
   * What files that could not be read would have defined, as {@code kind:scope/name}, so that
   * references to them are not reported again as dangling.
   */
  private final Set<String> unreadable = new HashSet<>();

  DocumentParser(Problems problems, ValueParser values) {
    this.problems = problems;
    this.values = values;
  }

  /** Parses one file; {@code root} is empty when the file could not be read as YAML. */
  void parse(FileKind kind, String file, Optional<YamlNode> root) {
    int before = releases.size() + services.size() + models.size() + (info == null ? 0 : 1);
    root.ifPresent(node -> parse(kind, file, node));
    int after = releases.size() + services.size() + models.size() + (info == null ? 0 : 1);
    if (after == before) {
      unreadable.add(key(kind, file));
    }
  }

  /** Whether the file that would define this item exists but could not be read. */
  boolean isUnreadable(FileKind kind, String scope, String name) {
    return unreadable.contains(kind + ":" + scope + "/" + name);
  }

  private static String key(FileKind kind, String file) {
    String scope =
        switch (kind) {
          case RELEASE_SERVICE, MODEL -> FileKind.folder(file);
          default -> null;
        };
    return kind + ":" + scope + "/" + FileKind.stem(file);
  }

  private void parse(FileKind kind, String file, YamlNode root) {
    switch (kind) {
      case DATASOURCE -> datasource(file, root);
      case RELEASE -> release(file, root);
      case SERVICE -> service(file, null, root);
      case RELEASE_SERVICE -> service(file, FileKind.folder(file), root);
      case MODEL -> model(file, root);
      case README -> {}
    }
  }

  private void datasource(String file, YamlNode root) {
    Optional<MappingReader> r =
        MappingReader.of(file, root, "datasource.yaml", DATASOURCE_KEYS, problems);
    if (r.isEmpty()) {
      return;
    }
    MappingReader m = r.get();
    Optional<Long> format = m.integer("format", true);
    format
        .filter(f -> f != FORMAT)
        .ifPresent(
            f ->
                problems.add(
                    file,
                    m.position("format"),
                    "format "
                        + f
                        + " is not supported: this version of Alizé reads format "
                        + FORMAT));
    Optional<String> name = m.name("name", Names.DATASOURCE);
    Optional<String> title = m.text("title", true);
    Optional<String> maintainer = m.text("maintainer", true);
    if (name.isPresent() && title.isPresent() && maintainer.isPresent()) {
      info =
          new DatasourceInfo(
              FORMAT,
              name.get(),
              title.get(),
              maintainer.get(),
              m.text("description", false).orElse(null),
              m.text("homepage", false).orElse(null));
    }
  }

  private void release(String file, YamlNode root) {
    Optional<MappingReader> r = MappingReader.of(file, root, "a release", RELEASE_KEYS, problems);
    if (r.isEmpty()) {
      return;
    }
    MappingReader m = r.get();
    Optional<String> name = m.name("name", Names.RELEASE).filter(n -> matchesFile(file, m, n));
    Optional<ReleaseStatus> status =
        m.text("status", true)
            .flatMap(
                s -> {
                  Optional<ReleaseStatus> parsed = ReleaseStatus.fromYaml(s);
                  if (parsed.isEmpty()) {
                    problems.add(
                        file,
                        m.position("status"),
                        "unknown status '"
                            + s
                            + "': use development, supported, maintenance or end-of-support");
                  }
                  return parsed;
                });
    LocalDate end = null;
    Optional<String> endText = m.text("end_of_support", false);
    if (endText.isPresent()) {
      try {
        end = LocalDate.parse(endText.get());
      } catch (DateTimeParseException e) {
        problems.add(
            file,
            m.position("end_of_support"),
            "'" + endText.get() + "' is not a date: write YYYY-MM-DD");
      }
    }
    if (name.isPresent() && status.isPresent()) {
      releases.put(
          name.get(),
          new Release(
              name.get(),
              m.text("codename", false).orElse(null),
              status.get(),
              end,
              m.text("description", false).orElse(null),
              file));
    }
  }

  private void service(String file, String scope, YamlNode root) {
    Optional<MappingReader> r = MappingReader.of(file, root, "a service", SERVICE_KEYS, problems);
    if (r.isEmpty()) {
      return;
    }
    MappingReader m = r.get();
    Optional<String> name = m.name("name", Names.ITEM).filter(n -> matchesFile(file, m, n));
    List<String> packages = m.texts("packages");
    Map<String, VariableDefinition> variables = new LinkedHashMap<>();
    Map<String, Position> positions = new LinkedHashMap<>();
    m.mapping("variables")
        .ifPresent(
            mapping -> {
              for (YamlMapping.Entry entry : mapping.entries().values()) {
                String varName = entry.key().text();
                Optional<String> invalid = Names.VARIABLE.check(varName);
                if (invalid.isPresent()) {
                  problems.add(file, entry.key().position(), invalid.get());
                  continue;
                }
                positions.put(varName, entry.key().position());
                variable(file, varName, entry.value()).ifPresent(v -> variables.put(varName, v));
              }
            });
    if (name.isPresent()) {
      services.add(
          new ParsedService(
              file,
              scope,
              new Service(
                  name.get(), m.text("description", false).orElse(null), packages, variables, file),
              positions));
    }
  }

  private Optional<VariableDefinition> variable(String file, String name, YamlNode node) {
    Optional<MappingReader> r =
        MappingReader.of(file, node, "variable '" + name + "'", VARIABLE_KEYS, problems);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    MappingReader m = r.get();
    int before = problems.size();
    Optional<VariableType> type = m.text("type", true).flatMap(t -> type(file, m, "type", t));
    VariableType items = null;
    Optional<String> itemsText = m.text("items", false);
    if (type.isPresent() && type.get() == VariableType.LIST) {
      if (itemsText.isEmpty()) {
        problems.add(file, m.position("type"), "a list needs 'items', the type of its elements");
      } else {
        items = type(file, m, "items", itemsText.get()).orElse(null);
        if (items == VariableType.LIST) {
          problems.add(file, m.position("items"), "a list may not contain lists");
          items = null;
        }
      }
    } else if (itemsText.isPresent()) {
      problems.add(file, m.position("items"), "'items' applies only to type list");
    }
    if (type.isEmpty() || (type.get() == VariableType.LIST && items == null)) {
      return Optional.empty();
    }
    VariableType scalar = type.get() == VariableType.LIST ? items : type.get();
    Long min = bound(file, m, "min", scalar);
    Long max = bound(file, m, "max", scalar);
    if (min != null && max != null && min > max) {
      problems.add(file, m.position("min"), "min " + min + " is above max " + max);
    }
    List<String> choices = choices(file, m, scalar);
    String pattern = pattern(file, m, scalar);
    if (problems.size() > before) {
      return Optional.empty();
    }
    VariableDefinition definition =
        new VariableDefinition(
            name,
            type.get(),
            items,
            m.text("description", false).orElse(null),
            null,
            min,
            max,
            choices,
            pattern);
    Optional<YamlNode> defaultNode = m.node("default");
    if (defaultNode.isEmpty()) {
      return Optional.of(definition);
    }
    VariableType itemType = items;
    return values
        .parse(file, defaultNode.get(), definition, "default of '" + name + "'")
        .map(
            value ->
                new VariableDefinition(
                    name,
                    definition.type(),
                    itemType,
                    definition.description(),
                    value,
                    min,
                    max,
                    choices,
                    pattern));
  }

  private Optional<VariableType> type(String file, MappingReader m, String key, String text) {
    Optional<VariableType> type = VariableType.fromYaml(text);
    if (type.isEmpty()) {
      problems.add(
          file,
          m.position(key),
          "unknown type '" + text + "': use one of " + VariableType.allNames());
    }
    return type;
  }

  private Long bound(String file, MappingReader m, String key, VariableType scalar) {
    Optional<Long> value = m.integer(key, false);
    if (value.isEmpty()) {
      return null;
    }
    if (!scalar.isNumeric()) {
      problems.add(file, m.position(key), "'" + key + "' applies only to integer and port");
      return null;
    }
    if (scalar == VariableType.PORT && (value.get() < 1 || value.get() > 65535)) {
      problems.add(file, m.position(key), "'" + key + "' of a port must be within 1..65535");
      return null;
    }
    return value.get();
  }

  private List<String> choices(String file, MappingReader m, VariableType scalar) {
    List<String> choices = m.texts("choices");
    boolean present = m.node("choices").isPresent();
    if (scalar != VariableType.CHOICE) {
      if (present) {
        problems.add(file, m.position("choices"), "'choices' applies only to type choice");
      }
      return List.of();
    }
    if (choices.isEmpty()) {
      problems.add(
          file,
          present ? m.position("choices") : m.position("type"),
          "a choice needs a non-empty list of 'choices'");
    } else if (Set.copyOf(choices).size() != choices.size()) {
      problems.add(file, m.position("choices"), "'choices' lists a value twice");
    }
    return choices;
  }

  private String pattern(String file, MappingReader m, VariableType scalar) {
    Optional<String> pattern = m.text("pattern", false);
    if (pattern.isEmpty()) {
      return null;
    }
    if (!scalar.isPatterned()) {
      problems.add(
          file, m.position("pattern"), "'pattern' applies only to string, hostname and choice");
      return null;
    }
    Optional<String> problem = ValuePattern.problem(pattern.get());
    if (problem.isPresent()) {
      problems.add(file, m.position("pattern"), problem.get());
      return null;
    }
    return pattern.get();
  }

  private void model(String file, YamlNode root) {
    Optional<MappingReader> r =
        MappingReader.of(file, root, "a server model", MODEL_KEYS, problems);
    if (r.isEmpty()) {
      return;
    }
    MappingReader m = r.get();
    Optional<String> name = m.name("name", Names.ITEM).filter(n -> matchesFile(file, m, n));
    String folder = FileKind.folder(file);
    Optional<String> release =
        m.text("release", true)
            .filter(
                rel -> {
                  if (rel.equals(folder)) {
                    return true;
                  }
                  problems.add(
                      file,
                      m.position("release"),
                      "release '" + rel + "' does not match the folder servermodels/" + folder);
                  return false;
                });
    Optional<String> parent = m.text("extends", false);
    parent
        .flatMap(Names.ITEM::check)
        .ifPresent(reason -> problems.add(file, m.position("extends"), reason));
    List<String> services = m.texts("services");
    Map<String, YamlNode> values = new LinkedHashMap<>();
    Map<String, Position> keyPositions = new LinkedHashMap<>();
    m.mapping("variables")
        .ifPresent(
            mapping ->
                mapping
                    .entries()
                    .values()
                    .forEach(
                        e -> {
                          values.put(e.key().text(), e.value());
                          keyPositions.put(e.key().text(), e.key().position());
                        }));
    if (name.isPresent() && release.isPresent()) {
      models.add(
          new ParsedModel(
              file,
              name.get(),
              release.get(),
              m.position("release"),
              m.text("title", false).orElse(null),
              m.text("description", false).orElse(null),
              parent.orElse(null),
              m.position("extends"),
              services,
              m.position("services"),
              values,
              keyPositions));
    }
  }

  private boolean matchesFile(String file, MappingReader m, String name) {
    String stem = FileKind.stem(file);
    if (stem.equals(name)) {
      return true;
    }
    problems.add(
        file,
        m.position("name"),
        "name '" + name + "' does not match the file name '" + stem + ".yaml'");
    return false;
  }
}
