package dev.products.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CORS, trusted hosts, security headers and forwarded addresses, as configured. */
@ExtendWith(VertxExtension.class)
class EdgeTest {

  private static final String ALLOWED_ORIGIN = "https://app.example.com";
  private static TestApp app;
  private static HttpClientSupport http;

  @BeforeAll
  static void start(Vertx vertx) {
    app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("CORS_ORIGINS", ALLOWED_ORIGIN + ",http://localhost:3000")
                .put("ALLOWED_HOSTS", "127.0.0.1,localhost,*.products.test"));
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static MultiMap headers(String... pairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.add(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  @Test
  void preflightFromAnAllowedOriginIsAnswered() {
    Reply reply =
        http.send(
            HttpMethod.OPTIONS,
            "/products",
            null,
            null,
            headers(
                "Origin", ALLOWED_ORIGIN,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"));

    assertThat(reply.status()).isBetween(200, 204);
    assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
    assertThat(reply.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(reply.header("Access-Control-Allow-Headers").toLowerCase(Locale.ROOT))
        .contains("authorization");
    assertThat(reply.header("Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void simpleRequestFromAnAllowedOriginGetsCorsHeaders() {
    Reply reply =
        http.send(HttpMethod.GET, "/products", null, null, headers("Origin", ALLOWED_ORIGIN));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
    assertThat(reply.header("Access-Control-Expose-Headers")).contains("X-Request-ID");
  }

  @Test
  void aWriteFromAPageOfTheServiceItselfIsNotRefusedAsCrossOrigin() {
    // What /docs' "Try it out" sends: browsers add Origin to same-origin POSTs.
    Reply reply =
        http.send(
            HttpMethod.POST,
            "/products",
            "application/json",
            new JsonObject().put("name", "x").put("price_cents", 1).toBuffer(),
            headers("Origin", "http://127.0.0.1:" + app.port()));

    assertThat(reply.status()).as("no token: refused for that, not for the origin").isEqualTo(401);
    assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void disallowedOriginGetsNoCorsHeaders() {
    Reply simple =
        http.send(
            HttpMethod.GET, "/products", null, null, headers("Origin", "https://evil.example"));
    Reply preflight =
        http.send(
            HttpMethod.OPTIONS,
            "/products",
            null,
            null,
            headers("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));

    assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
  }

  @Test
  void unknownHostIs400Problem() {
    Reply reply =
        http.send(HttpMethod.GET, "/products", null, null, headers("Host", "evil.example"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("detail")).contains("Host");
  }

  @Test
  void healthProbesAnswerWhateverTheHostSoOrchestratorsCanProbeByAddress() {
    assertThat(
            http.send(HttpMethod.GET, "/healthz/live", null, null, headers("Host", "10.1.2.3:8080"))
                .status())
        .isEqualTo(200);
    assertThat(
            http.send(HttpMethod.GET, "/health", null, null, headers("Host", "10.1.2.3:8080"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void allowedHostsMatchWithAnyPortAndWildcardSubdomains() {
    assertThat(
            http.send(HttpMethod.GET, "/products", null, null, headers("Host", "localhost:1234"))
                .status())
        .isEqualTo(200);
    assertThat(
            http.send(HttpMethod.GET, "/products", null, null, headers("Host", "api.products.test"))
                .status())
        .isEqualTo(200);
    assertThat(
            http.send(
                    HttpMethod.GET,
                    "/products",
                    null,
                    null,
                    headers("Host", "products.test.evil.example"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void securityHeadersAreOnSuccessesAndProblemsAlike() {
    for (Reply reply :
        new Reply[] {
          http.get("/products"), http.get("/no/such/route"), http.get("/products/abc")
        }) {
      assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(reply.header("Content-Security-Policy"))
          .contains("default-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(reply.header("Strict-Transport-Security")).as("HSTS is for prod").isNull();
    }
  }

  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() {
    try (LogCapture logs = new LogCapture()) {
      http.send(
          HttpMethod.GET, "/healthz/live", null, null, headers("X-Forwarded-For", "203.0.113.9"));

      logs.awaitLine(line -> line.contains("/healthz/live") && line.contains("client=127.0.0.1"));
      assertThat(logs.lines()).noneMatch(line -> line.contains("203.0.113.9"));
    }
  }
}
