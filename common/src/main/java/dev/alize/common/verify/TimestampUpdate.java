package dev.alize.common.verify;

/** The outcome of a timestamp update: "nothing new" is a normal outcome, not a failure. */
public enum TimestampUpdate {
  UPDATED,
  UNCHANGED
}
