package dev.alize.consumer.http;

/** The largest fields the API's bodies take, far above what an admin writes. */
final class BodyLimits {

  /** The longest name or reference a field takes. */
  static final int MAX_NAME = 200;

  /** The longest free text (a description, a comment, a value) a field takes. */
  static final int MAX_TEXT = 10_000;

  /** The most variables a child model's body sets or unsets. */
  static final int MAX_VARIABLES = 500;

  /** The most services a child model's body adds or removes. */
  static final int MAX_SERVICES = 100;

  private BodyLimits() {}
}
