package dev.products.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import dev.products.platform.logging.Logging;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Everything the service logs while it is attached, as the lines a log reader would see.
 *
 * <p>Lines are written from event loops while the test thread reads them, and an access-log line is
 * written once the response has ended, which can be after the client has already seen it: hence a
 * thread-safe list and {@link #awaitLine}, which waits for a line instead of assuming it is already
 * there.
 */
public final class LogCapture implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.prepareForDeferredProcessing();
          events.add(event);
          String line = event.getFormattedMessage() + " " + event.getMDCPropertyMap();
          lines.add(
              event.getThrowableProxy() == null
                  ? line
                  : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
      };

  public LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** What was logged, as logback's events (their MDC included). */
  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  /** What was logged, as the JSON lines {@code LOG_FORMAT=json} writes, parsed. */
  public List<JsonObject> jsonLines() {
    Encoder<ILoggingEvent> encoder = Logging.jsonEncoder(root.getLoggerContext());
    return events.stream()
        .map(
            event ->
                new JsonObject(new String(encoder.encode(event), StandardCharsets.UTF_8).trim()))
        .toList();
  }

  /** Waits for a line that matches and returns it. */
  public String awaitLine(Predicate<String> matching) {
    List<String> seen =
        Eventually.eventually(
            Duration.ofSeconds(5), this::lines, all -> all.stream().anyMatch(matching));
    return seen.stream().filter(matching).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
