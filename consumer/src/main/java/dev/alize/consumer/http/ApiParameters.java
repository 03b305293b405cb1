package dev.alize.consumer.http;

import dev.alize.common.datasource.Names;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.store.ConflictStore;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The API's path and query parameters, checked: each refusal is a 400 naming the parameter. The
 * console checks its own with these, so that both refuse alike.
 */
public final class ApiParameters {

  /** How many import runs a request returns when it does not say. */
  static final int DEFAULT_LIMIT = 50;

  static final int MAX_LIMIT = 1000;

  /** How much of a refused value a message repeats; the rest is elided. */
  private static final int SHOWN_CHARS = 40;

  private ApiParameters() {}

  public static String datasource(String parameter, String name) {
    return checked(parameter, name, Names.DATASOURCE);
  }

  public static String release(String parameter, String name) {
    return checked(parameter, name, Names.RELEASE);
  }

  public static SemanticVersion version(String parameter, String text) {
    return SemanticVersion.find(text)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    parameter
                        + ": '"
                        + shorten(text)
                        + "' is not a version: write MAJOR.MINOR.PATCH"));
  }

  /** A model's or a child model's name. */
  public static String model(String parameter, String name) {
    return checked(parameter, name, Names.ITEM);
  }

  /** A datasource to filter by; null when absent or empty. */
  public static String optionalDatasource(String parameter, String name) {
    return name == null || name.isEmpty() ? null : datasource(parameter, name);
  }

  static long conflictId(String text) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Explained below.
    }
    throw ApiException.badRequest(
        "id: '" + shorten(text) + "' is not a conflict id: ids are positive integers");
  }

  static ConflictStore.Status status(String text) {
    if (text == null || text.isEmpty()) {
      return ConflictStore.Status.OPEN;
    }
    return Arrays.stream(ConflictStore.Status.values())
        .filter(s -> s.wireName().equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "status: unknown status '"
                        + shorten(text)
                        + "': use "
                        + Arrays.stream(ConflictStore.Status.values())
                            .map(ConflictStore.Status::wireName)
                            .collect(Collectors.joining(", "))));
  }

  public static int limit(String text) {
    if (text == null || text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Explained below.
    }
    throw ApiException.badRequest(
        "limit: '" + shorten(text) + "' is not a number from 1 to " + MAX_LIMIT);
  }

  private static String checked(String parameter, String name, Names.Rule rule) {
    if (name == null || !rule.isValid(name)) {
      throw ApiException.badRequest(
          parameter
              + ": invalid "
              + rule.what()
              + " name '"
              + shorten(name)
              + "': "
              + rule.explanation());
    }
    return name;
  }

  /** The text, cut so that a huge value does not flood the message. */
  public static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
  }
}
