package dev.alize.consumer.notify;

import java.util.Objects;

/**
 * One outbox row to deliver.
 *
 * @param id the outbox row's id, the same on every retry, so that receivers can drop duplicates
 * @param notice what to tell
 * @param json the stored payload, sent as it is so that every retry sends the same bytes
 */
public record Delivery(long id, ImportNotice notice, String json) {
  public Delivery {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(json, "json");
  }
}
