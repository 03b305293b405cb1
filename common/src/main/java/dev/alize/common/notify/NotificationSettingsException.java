package dev.alize.common.notify;

/** Notification settings that cannot be used: the message names the key at fault. */
public final class NotificationSettingsException extends RuntimeException {

  public NotificationSettingsException(String message) {
    super(message);
  }
}
