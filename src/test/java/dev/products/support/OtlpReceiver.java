package dev.products.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A trace backend inside the test: an OTLP/HTTP receiver ({@code POST /v1/traces}, {@code
 * application/x-protobuf}) on a Vert.x HTTP server, keeping every span it is sent, decoded with the
 * OTLP protobuf messages. The service exports to it exactly as it would to Jaeger or a collector.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** A span as exported, with its ids in hex and its attributes as strings. */
  public record Span(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      Map<String, String> attributes,
      List<Link> links,
      Map<String, String> resource,
      boolean error) {

    public boolean isRoot() {
      return parentSpanId.isEmpty();
    }

    public String attribute(String key) {
      return attributes.get(key);
    }

    @Override
    public String toString() {
      return name
          + "("
          + kind
          + " "
          + traceId
          + "/"
          + spanId
          + " parent="
          + parentSpanId
          + " "
          + attributes
          + (links.isEmpty() ? "" : " links=" + links)
          + ")";
    }
  }

  /** A span link: the span it points to. */
  public record Link(String traceId, String spanId) {}

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final AtomicInteger exports = new AtomicInteger();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  /** Listens on a free port of 127.0.0.1. */
  public static OtlpReceiver start(Vertx vertx) {
    return start(vertx, 0);
  }

  /** Listens on {@code port} of 127.0.0.1 (0: any free one). */
  public static OtlpReceiver start(Vertx vertx, int port) {
    OtlpReceiver[] receiver = new OtlpReceiver[1];
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (!request.path().equals("/v1/traces")
                      || !"application/x-protobuf".equals(request.getHeader("Content-Type"))) {
                    request.response().setStatusCode(404).end();
                    return;
                  }
                  request
                      .body()
                      .onSuccess(
                          body -> {
                            try {
                              receiver[0].received(
                                  ExportTraceServiceRequest.parseFrom(body.getBytes()));
                              request
                                  .response()
                                  .putHeader("Content-Type", "application/x-protobuf")
                                  .end(
                                      Buffer.buffer(
                                          ExportTraceServiceResponse.getDefaultInstance()
                                              .toByteArray()));
                            } catch (InvalidProtocolBufferException e) {
                              request.response().setStatusCode(400).end(e.getMessage());
                            }
                          });
                });
    receiver[0] = new OtlpReceiver(server);
    server.listen(port, "127.0.0.1").await();
    return receiver[0];
  }

  private void received(ExportTraceServiceRequest request) {
    exports.incrementAndGet();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
          spans.add(
              new Span(
                  hex(span.getTraceId()),
                  hex(span.getSpanId()),
                  hex(span.getParentSpanId()),
                  span.getName(),
                  span.getKind().name().replace("SPAN_KIND_", ""),
                  attributes(span.getAttributesList()),
                  span.getLinksList().stream()
                      .map(link -> new Link(hex(link.getTraceId()), hex(link.getSpanId())))
                      .toList(),
                  resource,
                  span.getStatus().getCode()
                      == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR));
        }
      }
    }
  }

  private static String hex(ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }

  private static Map<String, String> attributes(List<KeyValue> keyValues) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (KeyValue keyValue : keyValues) {
      attributes.put(keyValue.getKey(), text(keyValue.getValue()));
    }
    return attributes;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> String.valueOf(value.getIntValue());
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
      default -> value.toString();
    };
  }

  /** Where the service sends its spans: {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Every span received so far. */
  public List<Span> spans() {
    return List.copyOf(spans);
  }

  /** How many export requests arrived. */
  public int exports() {
    return exports.get();
  }

  /** The spans of one trace, received so far. */
  public List<Span> trace(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  /** Waits (10 s at most) until the spans received match, and returns them. */
  public List<Span> await(Predicate<List<Span>> condition) {
    return Eventually.eventually(Duration.ofSeconds(10), this::spans, condition);
  }

  /** Waits for a span that matches and returns it. */
  public Span awaitSpan(Predicate<Span> matching) {
    return await(all -> all.stream().anyMatch(matching)).stream()
        .filter(matching)
        .findFirst()
        .orElseThrow();
  }

  /** The span of {@code spans} with this id. */
  public static Optional<Span> byId(List<Span> spans, String spanId) {
    return spans.stream().filter(span -> span.spanId().equals(spanId)).findFirst();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
