package dev.alize.common.notify;

import java.util.List;
import java.util.Objects;

/**
 * An SMTP server and the people to write to.
 *
 * @param username null for no authentication
 * @param password null for no authentication
 * @param from the sender's address
 * @param to the recipients' addresses, at least one
 */
public record MailTarget(
    String smtpHost,
    int smtpPort,
    boolean starttls,
    String username,
    String password,
    String from,
    List<String> to) {

  public MailTarget {
    Objects.requireNonNull(smtpHost, "smtpHost");
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("no address to write to");
    }
  }

  /** Without the password, so that logging the settings does not leak it. */
  @Override
  public String toString() {
    return "Email[smtp="
        + smtpHost
        + ":"
        + smtpPort
        + ", starttls="
        + starttls
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : "***")
        + ", from="
        + from
        + ", to="
        + to
        + "]";
  }
}
