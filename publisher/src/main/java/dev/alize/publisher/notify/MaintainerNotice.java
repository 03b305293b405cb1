package dev.alize.publisher.notify;

import java.util.Objects;

/**
 * What the maintainers are told: a subject and a text for the log and e-mail, and a JSON document
 * for the webhook.
 *
 * @param id the same on every retry, so that receivers can drop duplicates
 */
public record MaintainerNotice(String id, String subject, String text, String json) {

  public MaintainerNotice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(json, "json");
  }
}
