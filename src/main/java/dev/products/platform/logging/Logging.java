package dev.products.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.products.platform.config.LogFormat;
import dev.products.platform.config.LogLevel;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Logback set-up from the configuration: the root level, text or JSON lines on the console, and the
 * request fields ({@link LogContext}) on every line.
 */
public final class Logging {

  static final String TEXT_PATTERN =
      "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%replace( %mdc){'^ $', ''}%n";

  private Logging() {}

  /** Idempotent; also done by {@link #apply}. Tests that start the app in-process need it too. */
  public static synchronized void installRequestFields() {
    LoggerContext context = loggerContext();
    if (!(context.getMDCAdapter() instanceof ContextMdcAdapter)) {
      context.setMDCAdapter(new ContextMdcAdapter());
    }
  }

  public static synchronized void apply(LogLevel level, LogFormat format) {
    installRequestFields();
    LoggerContext context = loggerContext();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level.name()));
    if (root.getAppender("CONSOLE") instanceof ConsoleAppender<ILoggingEvent> console) {
      Encoder<ILoggingEvent> encoder =
          format == LogFormat.JSON ? jsonEncoder(context) : textEncoder(context);
      console.stop();
      console.setEncoder(encoder);
      console.start();
    }
  }

  /**
   * The encoder of {@code LOG_FORMAT=json}: one JSON object per line, the request fields included.
   */
  public static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
    encoder.setFieldNames(fieldNames());
    encoder.start();
    return encoder;
  }

  private static net.logstash.logback.fieldnames.LogstashFieldNames fieldNames() {
    net.logstash.logback.fieldnames.LogstashFieldNames names =
        new net.logstash.logback.fieldnames.LogstashFieldNames();
    names.setVersion("[ignore]");
    names.setLevelValue("[ignore]");
    return names;
  }

  private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }

  private static LoggerContext loggerContext() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }
}
