package dev.products.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Micrometer's "This Gauge has been already registered" warning for Vert.x's own gauges, and
 * only for those. vertx-micrometer registers a gauge each time it needs its counter (a second event
 * bus handler, a second pool, a second connection) and relies on getting the existing one back;
 * Micrometer 1.13.9+ warns about that on the first repeat. The metrics are right, the warning
 * cannot be acted on, and the cause is upstream (vert-x3/vertx-micrometer-metrics#259,
 * micrometer-metrics/micrometer#6931). Our own meters are not matched; note that Micrometer warns
 * only on the first repeat in the process (later ones are DEBUG), which Vert.x's usually are, so a
 * gauge of ours registered twice is best caught by a test, not by this warning.
 */
public final class VertxGaugeReRegistration extends TurboFilter {

  static final String MICROMETER_LOGGER = "io.micrometer.core.instrument.MeterRegistry";
  static final String VERTX_GAUGE_AGAIN =
      "This Gauge has been already registered (MeterId{name='vertx.";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    return format != null
            && format.startsWith(VERTX_GAUGE_AGAIN)
            && logger.getName().equals(MICROMETER_LOGGER)
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
