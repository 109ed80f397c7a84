package dev.products.platform.config;

/**
 * A setting is missing or has a bad value. The message is one line naming the key and the reason.
 */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String reason) {
    super(key + ": " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
