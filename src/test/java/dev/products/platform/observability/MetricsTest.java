package dev.products.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.metrics.MetricsSetup;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.PomVersion;
import dev.products.support.Products;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service as main runs it (Vert.x recording metrics), scraped after real traffic. */
class MetricsTest {

  private static Vertx vertx;
  private static TestApp app;
  private static String scrape;

  @BeforeAll
  static void trafficThenScrape() {
    vertx = MetricsSetup.vertx();
    app = TestApp.start(vertx, new JsonObject().put("RATE_LIMIT_LOGIN_PER_ACCOUNT", 2));
    HttpClientSupport http = app.http();
    HttpClientSupport user = Accounts.newUser(http);
    for (int i = 0; i < 3; i++) {
      long id = user.postJson("/products", Products.valid("Metered " + i)).json().getLong("id");
      http.get("/products/" + id);
      http.get("/products/" + (id + 1_000_000));
    }
    MultiMap wrong =
        MultiMap.caseInsensitiveMultiMap()
            .add("username", "nobody@products.test")
            .add("password", "wrong-pass");
    for (int i = 0; i < 3; i++) {
      http.postForm("/auth/token", wrong);
    }
    Reply reply = http.get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    scrape = reply.text();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  private static List<String> series(String name) {
    return scrape.lines().filter(line -> line.startsWith(name)).toList();
  }

  @Test
  void requestsAreCountedPerRouteTemplateMethodAndStatusNeverPerRawPath() {
    assertThat(series("vertx_http_server_requests_total"))
        .anyMatch(
            line ->
                line.contains("code=\"201\"")
                    && line.contains("route=\"/products\"")
                    && line.endsWith(" 3.0"))
        .anyMatch(
            line ->
                line.contains("code=\"404\"")
                    && line.contains("route=\"/products/:id\"")
                    && line.endsWith(" 3.0"))
        .noneMatch(line -> line.matches(".*route=\"/products/\\d+.*"));
  }

  @Test
  void latencyIsAHistogramPerRouteSoP95CanBeComputed() {
    assertThat(series("vertx_http_server_response_time_seconds_bucket"))
        .anyMatch(line -> line.contains("route=\"/products/:id\"") && line.contains("le=\"+Inf\""))
        .anyMatch(line -> line.contains("route=\"/products/:id\"") && line.contains("le=\"0.01"));
  }

  @Test
  void databasePoolUsageAndWaitTimeAreRecorded() {
    assertThat(series("vertx_pool_in_use"))
        .anyMatch(line -> line.contains("pool_name=\"products-pg-pool\""));
    assertThat(series("vertx_pool_queue_time_seconds_count"))
        .anyMatch(line -> line.contains("pool_type=\"sql\""));
    assertThat(series("vertx_pool_in_use"))
        .anyMatch(line -> line.contains("pool_name=\"ratelimit-redis\""));
  }

  @Test
  void eventBusAndJvmFiguresAreThere() {
    assertThat(series("vertx_eventbus_processed_total")).isNotEmpty();
    assertThat(series("jvm_memory_used_bytes")).isNotEmpty();
    assertThat(series("jvm_threads_live_threads")).isNotEmpty();
  }

  @Test
  void buildInfoIsOneSeriesLabelledWithThePomVersionAndTheJavaVersion() {
    assertThat(series("build_info{"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("service=\"products-api\"")
                    .contains("version=\"" + PomVersion.get() + "\"")
                    .contains("java_version=\"" + Runtime.version().feature() + ".")
                    .matches(".* 1(\\.0)?"));
  }

  @Test
  void businessCountersCountCreationsFailedLoginsAndRefusals() {
    assertThat(series("product_creations_total")).containsExactly("product_creations_total 3.0");
    assertThat(series("auth_failed_logins_total")).containsExactly("auth_failed_logins_total 2.0");
    assertThat(series("ratelimit_refusals_total"))
        .containsExactly("ratelimit_refusals_total{limit=\"login_account\"} 1.0");
  }
}
