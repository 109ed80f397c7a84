package dev.products.platform.config;

/** Root log level accepted by {@code LOG_LEVEL}. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR
}
