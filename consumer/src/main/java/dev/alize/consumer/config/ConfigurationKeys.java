package dev.alize.consumer.config;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.BeanDefinitionReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consumer's configuration keys, read from the constructors of its configuration records
 * ({@code ConfigurationProperties} and {@code EachProperty} under {@code alize.}), so that a key
 * added to a record is known here without more code. An {@code EachProperty}'s name is {@code *} in
 * a pattern.
 */
final class ConfigurationKeys {

  static final String ROOT = "alize";

  /**
   * The keys whose values are secrets, never shown: {@code config check} prints {@link #MASK}
   * instead.
   */
  static final Set<String> SECRETS =
      Set.of(
          "alize.consumer.database.password",
          "alize.consumer.api.admins.*.token-sha256",
          "alize.consumer.notifications.webhook-secret",
          "alize.consumer.notifications.email-password");

  /** What is shown instead of a secret. */
  static final String MASK = "********";

  /**
   * One key.
   *
   * @param pattern as {@code alize.consumer.repositories.*.poll-interval}
   * @param bean the record that binds it
   * @param argument the record's component it binds to, with its type, default and constraints
   */
  record Key(String pattern, Class<?> bean, Argument<?> argument) {}

  private final List<Key> keys;

  private ConfigurationKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /** The keys of the configuration records the context knows. */
  static ConfigurationKeys of(BeanContext context) {
    List<Key> keys = new ArrayList<>();
    for (BeanDefinitionReference<?> reference : context.getBeanDefinitionReferences()) {
      Optional<String> prefix =
          reference.getAnnotationMetadata().stringValue(ConfigurationReader.class, "prefix");
      if (prefix.isEmpty() || !prefix.get().startsWith(ROOT + ".") || !reference.isPresent()) {
        continue;
      }
      BeanDefinition<?> bean = reference.load(context);
      for (Argument<?> argument : bean.getConstructor().getArguments()) {
        // An EachProperty's name is a parameter, not a key.
        if (!argument.getAnnotationMetadata().hasAnnotation(Parameter.class)) {
          String key = prefix.get() + "." + NameUtils.hyphenate(argument.getName());
          keys.add(new Key(key, bean.getBeanType(), argument));
        }
      }
    }
    keys.sort(Comparator.comparing(Key::pattern));
    return new ConfigurationKeys(keys);
  }

  /** Whether {@code key} (dotted, kebab-case) is one of the {@link #SECRETS}. */
  boolean isSecret(String key) {
    return find(key).map(k -> SECRETS.contains(k.pattern())).orElse(false);
  }

  List<Key> all() {
    return keys;
  }

  /** The key that {@code key} (dotted, kebab-case, indexes removed) is, if it is one. */
  Optional<Key> find(String key) {
    String[] written = key.split("\\.", -1);
    return keys.stream().filter(k -> matches(k.pattern().split("\\."), written)).findFirst();
  }

  /**
   * The name {@code key} gives its EachProperty: {@code eole} in {@code ...repositories.eole.url}.
   */
  Optional<String> name(String key) {
    return find(key)
        .flatMap(
            k -> {
              int star = Arrays.asList(k.pattern().split("\\.")).indexOf("*");
              return star < 0 ? Optional.empty() : Optional.of(key.split("\\.")[star]);
            });
  }

  static boolean matches(String[] pattern, String[] written) {
    if (pattern.length != written.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals("*") && !pattern[i].equals(written[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The known key nearest to {@code written} by edit distance, its name (the {@code *} of a
   * pattern) taken from what was written.
   *
   * @param variable whether {@code written} is an environment variable's name, and so is the answer
   */
  String nearest(String written, boolean variable) {
    String separator = variable ? "_" : ".";
    List<String> segments = Arrays.asList(written.split(Pattern.quote(separator)));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Key key : keys) {
      String candidate = instantiate(key.pattern(), segments, variable);
      int distance = distance(written, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static String instantiate(String pattern, List<String> written, boolean variable) {
    String shown = variable ? variableName(pattern) : pattern;
    String separator = variable ? "_" : ".";
    int star = shown.indexOf('*');
    if (star < 0) {
      return shown;
    }
    String before = shown.substring(0, star);
    String after = shown.substring(star + 1);
    int first = before.split(Pattern.quote(separator)).length;
    int last = written.size() - (after.split(Pattern.quote(separator)).length - 1);
    String name =
        first < written.size()
            ? String.join(separator, written.subList(first, Math.max(first + 1, last)))
            : "NAME";
    return before + name + after;
  }

  /** The environment variable that sets {@code key}: {@code ALIZE_CONSUMER_API_PORT}. */
  static String variableName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Levenshtein's distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
