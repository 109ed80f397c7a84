package dev.products;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.products.config.LogLevel;
import org.slf4j.LoggerFactory;

/** Applies the configured root log level to Logback. */
public final class Logging {

  private Logging() {}

  public static void apply(LogLevel level) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level.name()));
  }
}
