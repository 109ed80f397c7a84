package dev.products.platform.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Distributed tracing (OpenTelemetry), configured by the standard {@code OTEL_*} variables and off
 * unless they name somewhere to send spans. It is on exactly when {@code OTEL_SDK_DISABLED} is not
 * {@code true} and either {@code OTEL_TRACES_EXPORTER} is set to something other than {@code none},
 * or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) is set, in
 * which case the exporter is OTLP. Off, no tracer is installed at all.
 *
 * <p>Only the on/off decision and what this build cannot do are checked here; every other {@code
 * OTEL_*} variable is handed as it is to the SDK's autoconfiguration, which reads and validates it
 * (sampler, batch sizes, resource attributes, headers, ...).
 *
 * @param sdkProperties the {@code OTEL_*} settings as the SDK's property names ({@code
 *     otel.traces.exporter}), with this service's defaults added; empty when off
 */
public record TracingConfig(boolean enabled, Map<String, String> sdkProperties) {

  static final String PREFIX = "OTEL_";

  /** The one OTLP protocol this build sends (the JDK's HTTP client; no gRPC transport). */
  static final String PROTOCOL = "http/protobuf";

  public static TracingConfig off() {
    return new TracingConfig(false, Map.of());
  }

  static TracingConfig from(ConfigValues values) {
    Map<String, String> otel = values.withPrefix(PREFIX);
    boolean disabled = otel.containsKey("OTEL_SDK_DISABLED") && values.bool("OTEL_SDK_DISABLED");
    String exporter = otel.get("OTEL_TRACES_EXPORTER");
    boolean endpoint =
        otel.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
            || otel.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    boolean enabled =
        !disabled
            && (exporter != null
                ? !exporter.trim().toLowerCase(Locale.ROOT).equals("none")
                : endpoint);
    if (!enabled) {
      return off();
    }
    checkProtocol(otel, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
    checkProtocol(otel, "OTEL_EXPORTER_OTLP_PROTOCOL");
    Map<String, String> properties = new LinkedHashMap<>();
    // The SDK's own default is gRPC, which this build cannot send.
    properties.put("otel.exporter.otlp.protocol", PROTOCOL);
    otel.forEach((key, value) -> properties.put(propertyName(key), value));
    // Traces only: metrics are Prometheus' (/metrics) and logs go to the console, so the SDK's
    // other exporters, OTLP by default, would only send empty batches.
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    return new TracingConfig(true, Map.copyOf(properties));
  }

  private static void checkProtocol(Map<String, String> otel, String key) {
    @Nullable String protocol = otel.get(key);
    if (protocol != null && !protocol.equals(PROTOCOL)) {
      throw new ConfigException(
          key,
          "must be "
              + PROTOCOL
              + " (this build sends OTLP over HTTP and has no gRPC transport), got \""
              + protocol
              + "\"");
    }
  }

  /** {@code OTEL_TRACES_EXPORTER} → {@code otel.traces.exporter}, as the SDK names its settings. */
  static String propertyName(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The service's name in every span ({@code OTEL_SERVICE_NAME}). */
  public @Nullable String serviceName() {
    return sdkProperties.get("otel.service.name");
  }

  @Override
  public String toString() {
    // Headers (OTEL_EXPORTER_OTLP_HEADERS) may carry an API key: never printed.
    return "Tracing["
        + (enabled ? "on, " + sdkProperties.getOrDefault("otel.traces.exporter", "otlp") : "off")
        + "]";
  }
}
