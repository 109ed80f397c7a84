package dev.products.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.Products;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** Every line written while serving a request names the request, on both sides of the event bus. */
class RequestLogTest extends ApiTestBase {

  @Test
  void aWellFormedIncomingRequestIdIsKeptAndEchoed() {
    Reply reply =
        http.send(
            HttpMethod.GET,
            "/products",
            null,
            null,
            MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "client-trace-0001"));

    assertThat(reply.header("X-Request-ID")).isEqualTo("client-trace-0001");
  }

  @Test
  void aMalformedIncomingRequestIdIsReplaced() {
    Reply reply =
        http.send(
            HttpMethod.GET,
            "/products/0",
            null,
            null,
            MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "bad id\" with {json}"));

    assertThat(reply.header("X-Request-ID")).matches("[0-9a-f]{32}");
    assertThat(reply.json().getString("request_id")).isEqualTo(reply.header("X-Request-ID"));
  }

  @Test
  void theAccessLineCarriesRouteTemplateStatusDurationBytesAndTheIds() {
    try (LogCapture logs = new LogCapture()) {
      Reply created =
          user.send(
              HttpMethod.POST,
              "/products",
              "application/json",
              Products.valid("Logged").toBuffer(),
              MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "trace-access-0001"));

      String line =
          logs.awaitLine(l -> l.contains("trace-access-0001") && l.contains("POST /products 201"));
      assertThat(line)
          .matches("(?s)POST /products 201 \\d+ms \\d+B client=127\\.0\\.0\\.1 .*")
          .contains("request_id=trace-access-0001")
          .contains("user_id=" + created.json().getLong("owner_id"));
    }
  }

  @Test
  void theRouteIsTheTemplateNeverTheRawPath() {
    try (LogCapture logs = new LogCapture()) {
      http.send(
          HttpMethod.GET,
          "/products/424242",
          null,
          null,
          MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "trace-template-01"));

      assertThat(logs.awaitLine(l -> l.contains("trace-template-01") && l.contains(" 404 ")))
          .startsWith("GET /products/{id} 404");
    }
  }
}
