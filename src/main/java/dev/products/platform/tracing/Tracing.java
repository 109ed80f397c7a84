package dev.products.platform.tracing;

import dev.products.platform.config.ConfigException;
import dev.products.platform.config.TracingConfig;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.vertx.core.VertxBuilder;
import io.vertx.core.internal.ContextInternal;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's tracing: an OpenTelemetry SDK built by its autoconfiguration from the {@code
 * OTEL_*} settings ({@link TracingConfig}) and installed as the Vert.x tracer, or nothing at all.
 * Installed, Vert.x itself reports the spans: the HTTP server, every event bus hop (the context
 * travels in the message headers, across the cluster too), each SQL query and each Redis command.
 * The owner of the Vert.x instance owns this too and closes it after the instance, which flushes
 * the spans still queued.
 */
public final class Tracing {

  private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
  private static final Tracing OFF = new Tracing(null);

  /** Instrumentation scope of the spans this service makes itself (job runs). */
  static final String SCOPE = "dev.products";

  private final @Nullable OpenTelemetrySdk sdk;

  private Tracing(@Nullable OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  /** No tracer: what the service runs with unless the {@code OTEL_*} settings turn tracing on. */
  public static Tracing off() {
    return OFF;
  }

  /**
   * The SDK for {@code config}, or {@link #off()} when tracing is off. A setting the SDK refuses
   * (an unknown exporter or sampler, a malformed endpoint) stops the start like any bad setting.
   * Builds an HTTP client: call it off the event loop.
   *
   * @param serviceVersion reported as {@code service.version} unless {@code
   *     OTEL_RESOURCE_ATTRIBUTES} says otherwise
   */
  public static Tracing start(TracingConfig config, String serviceVersion) {
    if (!config.enabled()) {
      return off();
    }
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              // Ours win over the SDK's own reading of the environment: they are the environment,
              // .env and conf/config.yaml merged (and tests' overrides), as for every setting.
              .addPropertiesCustomizer(properties -> config.sdkProperties())
              .addResourceCustomizer(
                  (resource, properties) ->
                      Resource.builder()
                          .put("service.version", serviceVersion)
                          .build()
                          .merge(resource))
              // Closed by the owner after the Vert.x instance (Main's shutdown hook halts the
              // process, which would cut the SDK's own hook short).
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      LOG.info(
          "Tracing on: {} spans of {} to {}",
          config.sdkProperties().getOrDefault("otel.traces.exporter", "otlp"),
          config.serviceName(),
          endpoint(config));
      return new Tracing(sdk);
    } catch (ConfigurationException e) {
      throw new ConfigException("OTEL_*", String.valueOf(e.getMessage()));
    }
  }

  /** Where spans go, for the start line: without any user:password an URL might carry. */
  private static String endpoint(TracingConfig config) {
    String traces = config.sdkProperties().get("otel.exporter.otlp.traces.endpoint");
    String base = config.sdkProperties().get("otel.exporter.otlp.endpoint");
    String url =
        traces != null
            ? traces
            : base != null
                ? base.replaceAll("/+$", "") + "/v1/traces"
                : "the OTLP default (http://localhost:4318/v1/traces)";
    return url.replaceAll("//[^/@]*@", "//");
  }

  public boolean enabled() {
    return sdk != null;
  }

  /** {@code builder} with the tracer installed, or unchanged when tracing is off. */
  public VertxBuilder install(VertxBuilder builder) {
    OpenTelemetrySdk installed = sdk;
    return installed == null
        ? builder
        : builder.withTracer(new OpenTelemetryTracingFactory(installed));
  }

  /** The tracer for spans of the service's own (a no-op one when off). */
  public Tracer tracer() {
    OpenTelemetrySdk installed = sdk;
    return installed == null
        ? TracerProvider.noop().get(SCOPE)
        : installed.getTracerProvider().get(SCOPE);
  }

  /**
   * Begins a run of background work on {@code context} (its own duplicate) as a trace of its own,
   * linked to the span {@code linkedTraceparent} names: see {@link RunSpan}.
   */
  public RunSpan beginRun(
      ContextInternal context,
      String name,
      @Nullable String linkedTraceparent,
      Attributes attributes) {
    return RunSpan.begin(this, context, name, linkedTraceparent, attributes);
  }

  /** Exports what is still queued and stops; waits at most 5 s. A no-op when off. */
  public void close() {
    OpenTelemetrySdk installed = sdk;
    if (installed == null) {
      return;
    }
    CompletableResultCode done = installed.shutdown().join(5, TimeUnit.SECONDS);
    if (!done.isSuccess()) {
      LOG.warn("Tracing: the last spans could not be exported within 5 s");
    }
  }
}
