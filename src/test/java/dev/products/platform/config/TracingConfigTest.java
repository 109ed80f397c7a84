package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.platform.tracing.Tracing;
import dev.products.support.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the standard {@code OTEL_*} variables turn tracing on, and what they cannot ask for. */
@ExtendWith(VertxExtension.class)
class TracingConfigTest {

  private static TracingConfig load(Vertx vertx, JsonObject settings) {
    return ConfigLoader.load(vertx, settings).await().tracing();
  }

  private static JsonObject settings(String pairs) {
    JsonObject settings = new JsonObject();
    if (!pairs.isBlank()) {
      for (String pair : pairs.split(";")) {
        String[] keyValue = pair.split("=", 2);
        settings.put(keyValue[0], keyValue[1]);
      }
    }
    return settings;
  }

  @ParameterizedTest(name = "[{0}] → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "|off",
        "OTEL_SERVICE_NAME=shop|off",
        "OTEL_SDK_DISABLED=false|off",
        "OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318|on",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://jaeger:4318/v1/traces|on",
        "OTEL_TRACES_EXPORTER=otlp|on",
        "OTEL_TRACES_EXPORTER=none;OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318|off",
        "OTEL_SDK_DISABLED=true;OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318|off",
        "OTEL_SDK_DISABLED=true;OTEL_TRACES_EXPORTER=otlp|off",
      })
  void tracingIsOnExactlyWhenTheSettingsNameWhereSpansGo(String pairs, String state, Vertx vertx) {
    assertThat(load(vertx, settings(pairs == null ? "" : pairs)).enabled())
        .isEqualTo(state.equals("on"));
  }

  @Test
  void theSdkGetsTheOtelSettingsWithTheServicesDefaults(Vertx vertx) {
    TracingConfig tracing =
        load(
            vertx,
            new JsonObject()
                .put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318")
                .put("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .put("OTEL_TRACES_SAMPLER_ARG", "0.25"));

    assertThat(tracing.sdkProperties())
        .containsEntry("otel.exporter.otlp.endpoint", "http://jaeger:4318")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .containsEntry("otel.service.name", "products-api")
        .containsEntry("otel.traces.sampler", "parentbased_traceidratio")
        .containsEntry("otel.traces.sampler.arg", "0.25")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none");
  }

  @Test
  void theServiceNameCanBeChanged(Vertx vertx) {
    TracingConfig tracing =
        load(
            vertx,
            new JsonObject()
                .put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318")
                .put("OTEL_SERVICE_NAME", "shop-api"));

    assertThat(tracing.serviceName()).isEqualTo("shop-api");
  }

  @Test
  void grpcIsRefusedWithTheKeyToFix(Vertx vertx) {
    assertThatThrownBy(
            () ->
                load(
                    vertx,
                    new JsonObject()
                        .put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317")
                        .put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("OTEL_EXPORTER_OTLP_PROTOCOL: must be http/protobuf");
  }

  @Test
  void aValueTheSdkRefusesStopsTheStartLikeAnyBadSetting(Vertx vertx) {
    TracingConfig tracing = load(vertx, new JsonObject().put("OTEL_TRACES_EXPORTER", "smoke"));

    assertThatThrownBy(() -> Tracing.start(tracing, "0.0.0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OTEL_*: ")
        .hasMessageContaining("smoke");
  }

  @Test
  void theStartLineNamesWhereSpansGoWithoutCredentials(Vertx vertx) {
    TracingConfig config =
        load(
            vertx,
            new JsonObject().put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://span:s3cret@127.0.0.1:9/"));

    try (LogCapture logs = new LogCapture()) {
      Tracing tracing = Tracing.start(config, "0.0.0");
      tracing.close();

      assertThat(tracing.enabled()).isTrue();
      assertThat(logs.lines())
          .anyMatch(
              line ->
                  line.startsWith(
                      "Tracing on: otlp spans of products-api to http://127.0.0.1:9/v1/traces"))
          .noneMatch(line -> line.contains("s3cret"));
    }
  }

  @Test
  void exporterHeadersAreNeverPrinted(Vertx vertx) {
    TracingConfig tracing =
        load(
            vertx,
            new JsonObject()
                .put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .put("OTEL_EXPORTER_OTLP_HEADERS", "api-key=very-secret"));

    assertThat(tracing.toString()).doesNotContain("very-secret").contains("on");
  }
}
