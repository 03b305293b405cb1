package dev.alize.consumer.config;

import dev.alize.common.time.Periods;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.core.util.EnvironmentProperties;
import io.micronaut.validation.validator.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the consumer's configuration once its application context has started, before anything
 * binds it, so that a mistake is one line naming the key and what to write rather than a stack
 * trace, and a misspelt key is not silently ignored:
 *
 * <ol>
 *   <li>every key under {@code alize.} (in the configuration file, system properties) and every
 *       {@code ALIZE_CONSUMER_...} environment variable is a key of a configuration record;
 *   <li>every {@code ${VARIABLE}} such a key's value names is set;
 *   <li>every value converts to its key's type and meets its key's constraints, and every required
 *       key is there.
 * </ol>
 *
 * What spans several keys, or needs the configuration file's folder, is checked where the settings
 * are made: {@link Subscriptions}, {@code NotificationSettings}, {@code ApiSettings}. Other
 * environment variables that start with {@code ALIZE_} (as {@code ALIZE_DB_PASSWORD} for a
 * placeholder, or {@code ALIZE_LOG_LEVEL}) are not keys of the consumer and are left alone.
 */
public final class ConfigurationCheck {

  private static final String VARIABLE_PREFIX = "ALIZE_CONSUMER_";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");
  private static final Pattern INDEX = Pattern.compile("\\[\\d*]");

  /**
   * A key as written: where ({@code alize.consumer.api.port} or its variable), its value, and the
   * source that sets it.
   */
  private record Written(String shown, Object value, String source) {}

  /**
   * One key of the effective configuration.
   *
   * @param key as {@code alize.consumer.repositories.eole.url}
   * @param from what sets it: the configuration file, an environment variable's name, or {@code
   *     default}
   * @param value its value, placeholders resolved, or {@link ConfigurationKeys#MASK} for a secret
   */
  public record Setting(String key, String from, String value) {}

  /**
   * What a configuration sets, and what is wrong with it.
   *
   * @param problems each told as {@link #check} tells the first; empty when the configuration is
   *     fine
   */
  public record Report(List<Setting> settings, List<String> problems) {
    public Report {
      settings = List.copyOf(settings);
      problems = List.copyOf(problems);
    }
  }

  private ConfigurationCheck() {}

  /**
   * @throws ConfigurationException for the first mistake, by key
   */
  public static void check(ApplicationContext context) {
    List<String> problems = report(context).problems();
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems.get(0));
    }
  }

  /**
   * The effective configuration and every mistake found: unknown keys and variables first, then
   * unset placeholders, then values (which are read only when the first two are fine).
   */
  public static Report report(ApplicationContext context) {
    Environment environment = context.getEnvironment();
    ConfigurationKeys known = ConfigurationKeys.of(context);
    Map<String, String> refused = new TreeMap<>();
    Map<String, Written> written = written(environment, known, refused);
    List<String> problems = new ArrayList<>(refused.values());
    problems.addAll(placeholders(environment, written));
    if (problems.isEmpty()) {
      problems.addAll(values(context, environment, known, written).values());
    }
    return new Report(settings(environment, known, written), problems);
  }

  private static List<Setting> settings(
      Environment environment, ConfigurationKeys known, Map<String, Written> written) {
    List<Setting> settings = new ArrayList<>();
    for (Map.Entry<String, Written> w : written.entrySet()) {
      String value;
      if (known.isSecret(w.getKey())) {
        value = ConfigurationKeys.MASK;
      } else {
        value = shown(w.getValue().value());
        try {
          value = environment.getPlaceholderResolver().resolveRequiredPlaceholders(value);
        } catch (RuntimeException e) {
          // An unset placeholder is shown as written, and reported as a problem.
        }
      }
      settings.add(new Setting(w.getKey(), w.getValue().source(), value));
    }
    for (ConfigurationKeys.Key key : known.all()) {
      if (key.pattern().contains("*") || written.containsKey(key.pattern())) {
        continue;
      }
      key.argument()
          .getAnnotationMetadata()
          .stringValue(Bindable.class, "defaultValue")
          .ifPresent(d -> settings.add(new Setting(key.pattern(), "default", d)));
    }
    settings.sort(Comparator.comparing(Setting::key));
    return settings;
  }

  private static String shown(Object value) {
    return value instanceof Collection<?> list
        ? list.stream().map(String::valueOf).collect(Collectors.joining(", "))
        : String.valueOf(value);
  }

  /**
   * The known keys set, each as written in the source that wins (the highest); the unknown ones go
   * to {@code refused}, by name.
   */
  private static Map<String, Written> written(
      Environment environment, ConfigurationKeys known, Map<String, String> refused) {
    Map<String, Written> written = new TreeMap<>();
    List<PropertySource> sources =
        environment.getPropertySources().stream()
            .sorted(Comparator.comparingInt(PropertySource::getOrder).reversed())
            .toList();
    EnvironmentProperties variables = EnvironmentProperties.empty();
    for (PropertySource source : sources) {
      boolean fromVariables =
          source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE;
      for (String name : source) {
        Object value = source.get(name);
        if (value == null || value instanceof Map<?, ?> map && map.isEmpty()) {
          continue; // An empty section, as "database:" alone, sets nothing.
        }
        if (fromVariables
            && name.startsWith(VARIABLE_PREFIX)
            && !name.equals(ConfigLocation.VARIABLE)) {
          Optional<String> key =
              variables.findPropertyNamesForEnvironmentVariable(name).stream()
                  .filter(k -> known.find(k).isPresent())
                  .findFirst();
          Optional<String> dashed = key.flatMap(known::name).filter(n -> n.contains("-"));
          if (dashed.isPresent()) {
            // Micronaut would read it as the keys of another name too, cut at the dash.
            refused.put(
                name,
                name
                    + ": an environment variable cannot set a key of "
                    + dashed.get()
                    + ", a name with a dash; write "
                    + key.get()
                    + " in the configuration file, with a placeholder ${VARIABLE} for a value"
                    + " from the environment");
          } else if (key.isPresent()) {
            written.putIfAbsent(key.get(), new Written(name, value, name));
          } else {
            refused.put(
                name,
                name
                    + ": unknown environment variable; did you mean "
                    + known.nearest(name, true)
                    + "?");
          }
        } else if (!fromVariables
            && (name.equals(ConfigurationKeys.ROOT)
                || name.startsWith(ConfigurationKeys.ROOT + "."))) {
          String key = normalized(name);
          if (known.find(key).isPresent()) {
            written.putIfAbsent(key, new Written(name, value, origin(source)));
          } else {
            refused.put(
                name, name + ": unknown key; did you mean " + known.nearest(key, false) + "?");
          }
        }
      }
    }
    return written;
  }

  /** The configuration file's name, or the source's: {@code system} for system properties. */
  private static String origin(PropertySource source) {
    String name = source.getName();
    return name.startsWith(ConfigurationFile.SOURCE_PREFIX)
        ? name.substring(ConfigurationFile.SOURCE_PREFIX.length())
        : name;
  }

  /** Kebab-case, as Micronaut reads keys, without list indexes. */
  private static String normalized(String name) {
    return Arrays.stream(INDEX.matcher(name).replaceAll("").split("\\.", -1))
        .map(NameUtils::hyphenate)
        .collect(Collectors.joining("."));
  }

  private static List<String> placeholders(Environment environment, Map<String, Written> written) {
    List<String> problems = new ArrayList<>();
    for (Written w : written.values()) {
      Collection<?> values =
          w.value() instanceof Collection<?> list ? list : List.of(String.valueOf(w.value()));
      for (Object value : values) {
        Matcher m = PLACEHOLDER.matcher(String.valueOf(value));
        while (m.find()) {
          String name = m.group(1).strip();
          if (m.group(2) == null
              && environment.getPlaceholderResolver().resolvePlaceholders(m.group()).isEmpty()) {
            problems.add(
                w.shown()
                    + ": the "
                    + (NameUtils.isEnvironmentName(name) ? "environment variable " : "property ")
                    + name
                    + " is not set");
          }
        }
      }
    }
    return problems;
  }

  /**
   * Converts and validates the value of each key of each record instance: as written, or its
   * default, so that a required key missing is found as well.
   */
  private static Map<String, String> values(
      ApplicationContext context,
      Environment environment,
      ConfigurationKeys known,
      Map<String, Written> written) {
    Validator validator = context.getBean(Validator.class);
    Map<String, String> problems = new TreeMap<>();
    for (ConfigurationKeys.Key key : known.all()) {
      for (String name : names(key, written.keySet())) {
        value(environment, validator, key, name, written.get(name))
            .ifPresent(p -> problems.putIfAbsent(name, p));
      }
    }
    return problems;
  }

  /** The key's names: itself, or one for each name its EachProperty is given. */
  private static Collection<String> names(ConfigurationKeys.Key key, Collection<String> written) {
    int dot = key.pattern().lastIndexOf('.');
    String parent = key.pattern().substring(0, dot);
    if (!parent.contains("*")) {
      return List.of(key.pattern());
    }
    String[] pattern = parent.split("\\.");
    Collection<String> names = new TreeSet<>();
    for (String w : written) {
      String wParent = w.substring(0, w.lastIndexOf('.'));
      if (ConfigurationKeys.matches(pattern, wParent.split("\\.", -1))) {
        names.add(wParent + key.pattern().substring(dot));
      }
    }
    return names;
  }

  /** The problem with one key's value, if any. */
  private static Optional<String> value(
      Environment environment,
      Validator validator,
      ConfigurationKeys.Key key,
      String name,
      Written written) {
    Argument<?> type = key.argument();
    boolean list = Collection.class.isAssignableFrom(type.getType());
    Object value;
    String shown = null;
    if (written == null) {
      value =
          key.argument()
              .getAnnotationMetadata()
              .stringValue(Bindable.class, "defaultValue")
              .flatMap(d -> convert(environment, d, type))
              .orElse(null);
    } else if (list) {
      List<String> texts =
          environment.getProperty(name, Argument.listOf(String.class)).orElse(List.of());
      Argument<?> element = type.getFirstTypeVariable().orElse(Argument.STRING);
      for (String text : texts) {
        if (convert(environment, text, element).isEmpty()) {
          return Optional.of(written.shown() + ": '" + text + "' " + expected(key, element));
        }
      }
      shown = String.join(", ", texts);
      value = environment.getProperty(name, type).orElse(null);
    } else {
      shown = environment.getProperty(name, String.class).orElse(String.valueOf(written.value()));
      Optional<?> converted = convert(environment, shown, type);
      if (converted.isEmpty()) {
        return Optional.of(written.shown() + ": '" + shown + "' " + expected(key, type));
      }
      value = converted.get();
    }
    // The validation processor introspects every record with a constraint.
    if (BeanIntrospector.SHARED.findIntrospection(key.bean()).isEmpty()) {
      return Optional.empty();
    }
    String what = written == null ? name + " " : written.shown() + ": '" + shown + "' ";
    return validator.validateValue(key.bean(), key.argument().getName(), value).stream()
        .map(violation -> what + violation.getMessage())
        .findFirst();
  }

  /**
   * The text as a value of {@code type}. Booleans are true or false only: Micronaut would read
   * {@code ture} or {@code 1} as false.
   */
  private static Optional<?> convert(Environment environment, String text, Argument<?> type) {
    Class<?> t = type.getType();
    if (t == boolean.class || t == Boolean.class) {
      String s = text.toLowerCase(Locale.ROOT);
      return s.equals("true") || s.equals("false")
          ? Optional.of(Boolean.valueOf(s))
          : Optional.empty();
    }
    return environment.convert(text, type);
  }

  /** What to write instead of a value that does not convert to {@code type}. */
  private static String expected(ConfigurationKeys.Key key, Argument<?> type) {
    Class<?> t = type.getType();
    if (t == boolean.class || t == Boolean.class) {
      return "is neither true nor false";
    }
    if (t == Duration.class) {
      return "is not a period: write " + Periods.FORMS;
    }
    if (t == URI.class) {
      return "is not a URL";
    }
    if (t.isEnum()) {
      List<String> names =
          Arrays.stream(t.getEnumConstants())
              .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
              .toList();
      return "is not "
          + String.join(", ", names.subList(0, names.size() - 1))
          + " or "
          + names.get(names.size() - 1);
    }
    // A number's range says what to write.
    AnnotationMetadata constraints = key.argument().getAnnotationMetadata();
    return constraints
        .stringValue(Max.class, "message")
        .or(() -> constraints.stringValue(Min.class, "message"))
        .orElse("is not a value of type " + t.getSimpleName());
  }
}
