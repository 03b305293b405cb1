package dev.alize.publisher.http;

import java.util.Locale;

/** The media type of a repository file, from its name. */
public final class ContentTypes {

  public static final String JSON = "application/json";
  public static final String GZIP = "application/gzip";
  public static final String BINARY = "application/octet-stream";

  private ContentTypes() {}

  public static String of(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return GZIP;
    }
    return BINARY;
  }
}
