package dev.products.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.OtlpReceiver;
import dev.products.support.OtlpReceiver.Span;
import dev.products.support.Products;
import dev.products.support.TestCluster;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes, each exporting its own spans: a write's product event, published by the
 * relay (on whichever node relays, after the reply) as a child of the writer's span, reaches the
 * other node in the request's trace, as a child of the publishing span (the context crosses the
 * cluster in the message headers).
 */
class TracingAcrossNodesTest {

  private static Vertx vertx;
  private static OtlpReceiver receiver;
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    receiver = OtlpReceiver.start(vertx);
    cluster =
        TestCluster.startTraced(
            2,
            new JsonObject()
                .put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                .put("OTEL_BSP_SCHEDULE_DELAY", "100"),
            node -> new JsonObject().put("OTEL_RESOURCE_ATTRIBUTES", "node.name=node-" + node));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    receiver.close();
    vertx.close().await();
  }

  private static String node(Span span) {
    return span.resource().get("node.name");
  }

  @Test
  void aProductEventPublishedOnOneNodeIsReceivedOnTheOtherInTheSameTrace() {
    HttpClientSupport writer = Accounts.newUser(cluster.app(0).http());
    HexFormat hex = HexFormat.of();
    byte[] trace = new byte[16];
    byte[] parent = new byte[8];
    ThreadLocalRandom.current().nextBytes(trace);
    ThreadLocalRandom.current().nextBytes(parent);
    String traceId = hex.formatHex(trace);

    Reply created =
        writer.send(
            HttpMethod.POST,
            "/products",
            "application/json",
            Products.valid("Cup heard everywhere").toBuffer(),
            MultiMap.caseInsensitiveMultiMap()
                .add("traceparent", "00-" + traceId + "-" + hex.formatHex(parent) + "-01"));

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Span publish =
        receiver.awaitSpan(
            span ->
                span.traceId().equals(traceId)
                    && span.kind().equals("CLIENT")
                    && "product.created".equals(span.attribute("messaging.destination.name")));
    assertThat(publish.attribute("messaging.operation.name")).isEqualTo("publish");
    Span writing =
        receiver.awaitSpan(
            span -> span.traceId().equals(traceId) && span.spanId().equals(publish.parentSpanId()));
    assertThat(node(writing))
        .as("the publication's parent is the writer's span")
        .isEqualTo("node-0");
    String otherNode = node(publish).equals("node-0") ? "node-1" : "node-0";
    Span heard =
        receiver.awaitSpan(
            span ->
                span.traceId().equals(traceId)
                    && span.kind().equals("SERVER")
                    && "product.created".equals(span.attribute("messaging.destination.name"))
                    && otherNode.equals(node(span)));
    assertThat(heard.parentSpanId())
        .as("the other node's delivery is a child of the publishing span")
        .isEqualTo(publish.spanId());
    Span server =
        receiver.awaitSpan(
            span ->
                span.traceId().equals(traceId)
                    && span.kind().equals("SERVER")
                    && "/products".equals(span.attribute("url.path")));
    assertThat(node(server)).isEqualTo("node-0");
  }
}
