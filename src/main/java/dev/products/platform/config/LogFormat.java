package dev.products.platform.config;

/** {@code LOG_FORMAT}: readable text lines, or one JSON object per line for log pipelines. */
public enum LogFormat {
  TEXT,
  JSON
}
