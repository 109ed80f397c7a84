package dev.products.platform.logging;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What the operator reads about one dependency (PostgreSQL, Redis) being down: one line when the
 * outage starts, with its cause, and one when it ends, with how long it lasted; the requests that
 * fail in between are the callers' to log at DEBUG. One instance per dependency and process, shared
 * by every verticle instance that uses the dependency (hence atomic: they run on different event
 * loops), so an outage seen by eight event loops is still two lines.
 *
 * <p>Once the service is stopping, a dependency going away is expected (the embedded PostgreSQL
 * stops from its own shutdown hook, concurrently with ours): the start line is then DEBUG.
 */
public final class DependencyOutage {

  private static final Logger LOG = LoggerFactory.getLogger(DependencyOutage.class);
  private static final long UP = -1;

  private final String dependency;
  private final Level startLevel;
  private final String whileDown;
  private final String afterUp;
  private final AtomicLong downSince = new AtomicLong(UP);
  private volatile boolean stopping;

  /**
   * @param dependency what is down and where, e.g. {@code PostgreSQL at postgresql://db:5432/app}
   * @param startLevel ERROR when the service cannot do its job without it, WARN when it degrades
   * @param whileDown what the service does meanwhile, for the start line
   * @param afterUp what works again, for the end line
   */
  public DependencyOutage(String dependency, Level startLevel, String whileDown, String afterUp) {
    this.dependency = dependency;
    this.startLevel = startLevel;
    this.whileDown = whileDown;
    this.afterUp = afterUp;
  }

  /** A call to the dependency failed in a way that says it cannot be reached. */
  public void failed(Throwable cause) {
    long now = System.nanoTime();
    if (downSince.compareAndSet(UP, now)) {
      LOG.atLevel(stopping ? Level.DEBUG : startLevel)
          .log("{} is unreachable ({}): {}", dependency, reason(cause), whileDown);
    }
  }

  /** A call to the dependency succeeded. Cheap when it was up already: one volatile read. */
  public void answered() {
    long since = downSince.get();
    if (since != UP && downSince.compareAndSet(since, UP)) {
      LOG.info(
          "{} answers again after {}: {}",
          dependency,
          describe(Duration.ofNanos(System.nanoTime() - since)),
          afterUp);
    }
  }

  /** From now on the dependency going away is part of the stop, not an outage to act on. */
  public void stopping() {
    stopping = true;
  }

  private static String reason(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Seconds with one decimal below a minute, whole seconds above: what a reader wants to know. */
  static String describe(Duration duration) {
    if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
      return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
    return duration
        .truncatedTo(ChronoUnit.SECONDS)
        .toString()
        .substring(2)
        .toLowerCase(Locale.ROOT);
  }
}
