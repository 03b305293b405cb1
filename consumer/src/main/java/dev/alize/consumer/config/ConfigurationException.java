package dev.alize.consumer.config;

/** A configuration that cannot work; the message names the key at fault and what to write. */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
