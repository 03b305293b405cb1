package dev.alize.publisher.http;

import dev.alize.common.config.ConfigurationFileException;
import dev.alize.common.config.ConfigurationFiles;
import dev.alize.common.notify.NotificationTargets;
import dev.alize.publisher.config.ApiConfiguration;
import dev.alize.publisher.config.DatabaseConfiguration;
import dev.alize.publisher.config.FleetConfiguration;
import dev.alize.publisher.fleet.HaltPolicies;
import dev.alize.publisher.notify.NotificationConfiguration;
import dev.alize.publisher.persistence.CommandContext;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code publisher config check} finds in the configuration file of {@code serve}, without
 * starting a server: every key set (a token's hash masked) and the default of the upload limit when
 * it is not, then every mistake, found as {@code serve} finds them (the same binding, the same
 * checks of the tokens) and, besides, the keys under {@code alize.} that the publisher does not
 * read.
 */
public final class ConfigurationCheck {

  /** A key as the check shows it: its value, or a mask, and where it comes from. */
  public record Setting(String key, Object value, String from) {}

  /** What was found: {@code file} is null when there is none to read. */
  public record Report(Path file, List<Setting> settings, List<String> problems) {}

  private static final String MAX_UPLOAD = "alize.publisher.api.max-upload-bytes";
  private static final String TOKENS = "alize.publisher.api.tokens";

  /** How long the server waits for a slow client. */
  private static final List<String> TIMEOUT_KEYS =
      List.of("alize.publisher.api.header-timeout", "alize.publisher.api.body-idle-timeout");

  private static final String MASK = "********";

  /** Where Micronaut's message lists the constraints a configuration value broke. */
  private static final String VIOLATIONS = "List of constraint violations:[";

  /**
   * The fleet's keys, beside the write API's; the repository folder, which serve's --repo sets, is
   * read from the file by stats.
   */
  private static final List<String> FLEET_KEYS =
      List.of(
          "alize.publisher.repo-dir",
          "alize.publisher.data-dir",
          "alize.publisher.reports-per-minute",
          "alize.publisher.database.url",
          "alize.publisher.database.user",
          "alize.publisher.database.password");

  private static final String NOTIFICATIONS = "alize.publisher.notifications.";

  /** The maintainers' notifications, with the keys of the consumer's. */
  private static final List<String> NOTIFICATION_FIELDS =
      List.of(
          "webhook-url",
          "webhook-secret",
          "email-smtp-host",
          "email-smtp-port",
          "email-starttls",
          "email-username",
          "email-password",
          "email-from",
          "email-to");

  private static final String HALT_POLICIES = "alize.publisher.halt-policies";

  private static final List<String> HALT_POLICY_FIELDS =
      List.of("min-sites", "max-failed-percent", "max-blocking-percent");

  private ConfigurationCheck() {}

  /** Checks {@code file}, or the defaults alone when it is null; never throws for a mistake. */
  public static Report check(Path file) {
    List<Setting> settings = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (file == null) {
      settings.add(new Setting(MAX_UPLOAD, ApiConfiguration.DEFAULT_MAX_UPLOAD_BYTES, "default"));
      defaultOf(
          Map.of(), settings, "alize.publisher.data-dir", FleetConfiguration.DEFAULT_DATA_DIR);
      defaultOf(
          Map.of(),
          settings,
          "alize.publisher.reports-per-minute",
          Integer.parseInt(FleetConfiguration.DEFAULT_PER_MINUTE));
      return new Report(null, settings, problems);
    }
    Map<String, Object> values;
    try {
      values = ConfigurationFiles.read(file);
    } catch (ConfigurationFileException e) {
      problems.add(e.getMessage());
      return new Report(file, settings, problems);
    }
    new TreeMap<>(values)
        .forEach(
            (key, value) -> {
              if (key.startsWith("alize.") && !isKnown(key)) {
                problems.add(
                    key
                        + ": not a key of the publisher, which reads "
                        + MAX_UPLOAD
                        + ", "
                        + String.join(", ", TIMEOUT_KEYS)
                        + ", "
                        + TOKENS
                        + ".NAME.sha256 and .datasources, "
                        + String.join(", ", FLEET_KEYS)
                        + ", "
                        + NOTIFICATIONS
                        + "* ("
                        + String.join(", ", NOTIFICATION_FIELDS)
                        + ") and "
                        + HALT_POLICIES
                        + ".NAME.* ("
                        + String.join(", ", HALT_POLICY_FIELDS)
                        + ")");
              }
              settings.add(new Setting(key, isSecret(key) ? MASK : value, "file"));
            });
    if (!values.containsKey(MAX_UPLOAD)) {
      settings.add(new Setting(MAX_UPLOAD, ApiConfiguration.DEFAULT_MAX_UPLOAD_BYTES, "default"));
    }
    defaultOf(values, settings, "alize.publisher.data-dir", FleetConfiguration.DEFAULT_DATA_DIR);
    defaultOf(
        values,
        settings,
        "alize.publisher.reports-per-minute",
        Integer.parseInt(FleetConfiguration.DEFAULT_PER_MINUTE));
    if (problems.isEmpty()) {
      // Binds the file as serve does: the tokens are checked when the context starts. The
      // folders serve is given are not the file's business; any folder stands for them.
      Path folder = file.toAbsolutePath().getParent();
      try (ApplicationContext context =
          ApplicationContext.builder()
              .banner(false)
              .deduceEnvironment(false)
              // As a command's context: without serve's jobs, which have nothing to do here.
              .environments(CommandContext.ENVIRONMENT)
              .properties(
                  Map.of(
                      "alize.publisher.repo-dir", folder.toString(),
                      "alize.publisher.keys-dir", folder.toString()))
              .propertySources(ConfigurationFile.read(file))
              .start()) {
        context.getBean(ApiConfiguration.class);
        context.getBean(FleetConfiguration.class);
        context.getBean(DatabaseConfiguration.class);
        context.getBean(HaltPolicies.class);
        NotificationConfiguration n = context.getBean(NotificationConfiguration.class);
        NotificationTargets.webhook(
            NotificationConfiguration.PREFIX, n.webhookUrl(), n.webhookSecret());
        NotificationTargets.email(
            NotificationConfiguration.PREFIX,
            n.emailSmtpHost(),
            n.emailSmtpPort(),
            n.emailStarttls(),
            n.emailUsername(),
            n.emailPassword(),
            n.emailFrom(),
            n.emailTo());
      } catch (RuntimeException e) {
        problems.add(rootMessage(e));
      }
    }
    return new Report(file, settings, problems);
  }

  private static void defaultOf(
      Map<String, Object> values, List<Setting> settings, String key, Object value) {
    if (!values.containsKey(key)) {
      settings.add(new Setting(key, value, "default"));
    }
  }

  private static boolean isSecret(String key) {
    return key.endsWith(".sha256")
        || key.equals("alize.publisher.database.password")
        || key.equals(NOTIFICATIONS + "webhook-secret")
        || key.equals(NOTIFICATIONS + "email-password");
  }

  private static boolean isKnown(String key) {
    if (key.equals(MAX_UPLOAD)
        || key.equals(TOKENS)
        || TIMEOUT_KEYS.contains(key)
        || FLEET_KEYS.contains(key)) {
      return true;
    }
    if (key.startsWith(NOTIFICATIONS)) {
      // A list, as email-to, comes as NAME[0], NAME[1]...
      return NOTIFICATION_FIELDS.contains(
          key.substring(NOTIFICATIONS.length()).replaceFirst("\\[\\d+\\]$", ""));
    }
    if (key.startsWith(HALT_POLICIES + ".")) {
      String rest = key.substring(HALT_POLICIES.length() + 1);
      int dot = rest.indexOf('.');
      return dot > 0 && HALT_POLICY_FIELDS.contains(rest.substring(dot + 1));
    }
    if (!key.startsWith(TOKENS + ".")) {
      return false;
    }
    String field = key.substring(key.lastIndexOf('.') + 1);
    return (field.equals("sha256") || field.equals("datasources"))
        && key.indexOf('.', TOKENS.length() + 1) == key.lastIndexOf('.');
  }

  /**
   * What a failure to bind the configuration says to the operator: the constraints a value broke,
   * which Micronaut lists after the first line of its message, else the root cause's first line.
   */
  static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      int list = message.indexOf(VIOLATIONS);
      if (list >= 0) {
        String violations = message.substring(list + VIOLATIONS.length());
        int end = violations.indexOf(']');
        return (end < 0 ? violations : violations.substring(0, end))
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .collect(Collectors.joining("; "));
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.strip().lines().findFirst().orElse(message);
  }
}
