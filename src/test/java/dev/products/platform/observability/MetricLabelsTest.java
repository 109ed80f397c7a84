package dev.products.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.metrics.MetricsSetup;
import dev.products.support.HttpClientSupport;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whatever methods and paths clients invent, the HTTP series stay a fixed set. */
class MetricLabelsTest {

  private static Vertx vertx;
  private static TestApp app;
  private static HttpClientSupport http;

  @BeforeAll
  static void start() {
    vertx = MetricsSetup.vertx();
    app = TestApp.start(vertx, new JsonObject());
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  /** Every series of the HTTP server request counter, as its label sets. */
  private static Set<String> requestSeries() {
    Set<String> series = new TreeSet<>();
    http.get("/metrics")
        .text()
        .lines()
        .filter(line -> line.startsWith("vertx_http_server_requests_total{"))
        .forEach(line -> series.add(line.substring(0, line.indexOf('}') + 1)));
    return series;
  }

  private static void inventTraffic(String round) {
    for (int i = 0; i < 25; i++) {
      http.send(
          HttpMethod.valueOf("ZQ" + round + i),
          "/products",
          null,
          null,
          MultiMap.caseInsensitiveMultiMap());
      http.get("/no/such/path/" + round + "/" + i);
      http.get("/products/" + round + i + "x");
      http.get("/products/" + (1_000_000 + i));
    }
  }

  @Test
  void inventedMethodsAndPathsAddNoSeries() {
    requestSeries();
    inventTraffic("a");
    Set<String> before = requestSeries();

    inventTraffic("b");
    Set<String> after = requestSeries();

    assertThat(after).isEqualTo(before);
    assertThat(after).noneMatch(series -> series.contains("ZQ"));
    assertThat(after).anyMatch(series -> series.contains("method=\"OTHER\""));
    assertThat(after).noneMatch(series -> series.contains("/no/such/path"));
    assertThat(after)
        .anyMatch(
            series -> series.contains("code=\"404\"") && series.contains("route=\"unmatched\""));
  }
}
