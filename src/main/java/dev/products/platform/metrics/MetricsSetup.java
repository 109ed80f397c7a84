package dev.products.platform.metrics;

import dev.products.platform.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.EnumSet;
import java.util.Set;

/**
 * Vert.x's own metrics (HTTP server per route template, event bus, pools, JVM) in one Prometheus
 * registry. Labels are bounded on purpose: the route template, never the raw path, and no
 * per-address event bus label (reply addresses are unbounded).
 */
public final class MetricsSetup {

  private MetricsSetup() {}

  /**
   * The methods counted under their own name; any other method a client invents is counted as
   * {@value #OTHER}.
   */
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  static final String OTHER = "OTHER";

  /** The route label of requests no route matched (404s, 405s), instead of an empty value. */
  static final String UNMATCHED = "unmatched";

  /** A Vert.x instance that records its metrics, as the service's main starts it. */
  public static Vertx vertx() {
    return vertx(Tracing.off());
  }

  /** As {@link #vertx()}, with {@code tracing}'s tracer installed when it is on. */
  public static Vertx vertx(Tracing tracing) {
    return tracing
        .install(Vertx.builder().with(vertxOptions()).withMetrics(metricsFactory()))
        .build();
  }

  /**
   * Vert.x's metrics in a registry of ours, so its labels can be bounded before the first meter
   * exists: a request line can name any method, and each new name would be new series, without
   * bound. Routes are bounded already: vertx-web labels a request with the route definitions it
   * matched (ours, a fixed set) or with nothing, which is named {@value #UNMATCHED}.
   */
  public static MicrometerMetricsFactory metricsFactory() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(
            MeterFilter.replaceTagValues(
                Label.HTTP_METHOD.toString(), method -> METHODS.contains(method) ? method : OTHER))
        .meterFilter(
            MeterFilter.replaceTagValues(
                Label.HTTP_ROUTE.toString(), route -> route.isEmpty() ? UNMATCHED : route));
    return new MicrometerMetricsFactory(registry);
  }

  /** Options for a Vert.x instance that records its metrics (with {@link #metricsFactory()}). */
  public static VertxOptions vertxOptions() {
    return new VertxOptions()
        .setMetricsOptions(
            new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setLabels(
                    EnumSet.of(
                        Label.HTTP_ROUTE,
                        Label.HTTP_METHOD,
                        Label.HTTP_CODE,
                        Label.POOL_TYPE,
                        Label.POOL_NAME))
                // Histogram buckets, so p50/p95/p99 can be computed over any window and across
                // instances.
                .setPrometheusOptions(
                    new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true)));
  }

  /**
   * The registry {@code /metrics} exposes: Vert.x's when it records metrics, otherwise one of our
   * own (business counters and JVM figures only; in-process test instances run that way).
   */
  public static PrometheusMeterRegistry registryFor(Vertx vertx) {
    MeterRegistry vertxRegistry =
        vertx.isMetricsEnabled() ? BackendRegistries.getDefaultNow() : null;
    if (vertxRegistry instanceof PrometheusMeterRegistry prometheus) {
      return prometheus;
    }
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(own);
    new JvmGcMetrics().bindTo(own);
    new JvmThreadMetrics().bindTo(own);
    new ClassLoaderMetrics().bindTo(own);
    new ProcessorMetrics().bindTo(own);
    return own;
  }
}
