package dev.alize.publisher.fleet;

/**
 * Why an enrolment or a report was refused: the HTTP status it is answered with, and the tag of the
 * {@code alize.publisher.reports.refused} (or {@code enrolments.refused}) counter that counts it.
 */
public enum Refusal {
  MALFORMED(400, "malformed"),
  TOO_LARGE(413, "too_large"),
  BAD_TOKEN(401, "bad_token"),
  OTHER_LABEL(403, "other_label"),
  ALREADY_ENROLLED(409, "already_enrolled"),
  UNKNOWN_SITE(401, "unknown_site"),
  BAD_SIGNATURE(401, "bad_signature"),
  OTHER_SITE(403, "other_site"),
  LABEL_CHANGED(409, "label_changed"),
  REPLAY(409, "replay"),
  RATE_LIMITED(429, "rate_limited");

  private final int status;
  private final String tag;

  Refusal(int status, String tag) {
    this.status = status;
    this.tag = tag;
  }

  public int status() {
    return status;
  }

  public String tag() {
    return tag;
  }
}
