package dev.alize.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Pattern;

/**
 * {@code alize.publisher.database.*}: the fleet database; the embedded H2 file in the data folder
 * ({@link FleetConfiguration}) when no URL is given.
 *
 * @param url a JDBC URL, as {@code jdbc:postgresql://db.example:5432/alize}; blank as none
 */
@ConfigurationProperties("alize.publisher.database")
public record DatabaseConfiguration(
    @Nullable
        @Pattern(
            regexp = "\\s*|\\s*jdbc:(postgresql|h2):.*",
            message = "is neither a jdbc:postgresql: nor a jdbc:h2: URL")
        String url,
    @Nullable String user,
    @Nullable String password) {

  /** Never the password: configuration is logged. */
  @Override
  public String toString() {
    return "DatabaseConfiguration[url=" + url + ", user=" + user + "]";
  }
}
