package dev.alize.consumer.http;

/**
 * The largest fields the API's bodies and the console's forms take, far above what an admin writes.
 */
public final class BodyLimits {

  /** The longest name or reference a field takes. */
  public static final int MAX_NAME = 200;

  /** The longest free text (a description, a comment, a value) a field takes. */
  public static final int MAX_TEXT = 10_000;

  /** The most variables a child model's body sets or unsets. */
  public static final int MAX_VARIABLES = 500;

  /** The most services a child model's body adds or removes. */
  public static final int MAX_SERVICES = 100;

  /** Why text with control characters (but newlines and tabs) or lone surrogates is refused. */
  public static final String NOT_PLAIN = "control characters and invalid UTF-16 are not allowed";

  private BodyLimits() {}
}
