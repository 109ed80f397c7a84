package dev.products.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.http.edge.SameOrigin;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SockJS bridge answers only the origins the edge answers. */
@ExtendWith(VertxExtension.class)
class BridgeOriginsTest {

  private static Reply info(TestApp app, HttpMethod method, String origin) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (origin != null) {
      headers.add("Origin", origin).add("Access-Control-Request-Method", "GET");
    }
    return app.http().send(method, "/eventbus/info", null, null, headers);
  }

  @Test
  void aPageOfAnotherOriginGetsA403AndNoCorsHeaders(Vertx vertx) {
    try (TestApp app =
        TestApp.start(vertx, new JsonObject().put("CORS_ORIGINS", "https://shop.example.com"))) {
      for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.OPTIONS}) {
        Reply refused = info(app, method, "https://evil.example");

        assertThat(refused.status()).as(method.name()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).as(method.name()).isNull();
        assertThat(refused.header("Access-Control-Allow-Credentials")).as(method.name()).isNull();
      }
      Reply xhr =
          app.http()
              .send(
                  HttpMethod.POST,
                  "/eventbus/000/abcdefgh/xhr",
                  null,
                  null,
                  MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example"));
      assertThat(xhr.status()).isEqualTo(403);
    }
  }

  @Test
  void anOriginCorsOriginsListsIsAnswered(Vertx vertx) {
    try (TestApp app =
        TestApp.start(vertx, new JsonObject().put("CORS_ORIGINS", "https://shop.example.com"))) {
      Reply allowed = info(app, HttpMethod.GET, "https://shop.example.com");

      assertThat(allowed.status()).isEqualTo(200);
      assertThat(allowed.header("Access-Control-Allow-Origin"))
          .isEqualTo("https://shop.example.com");
    }
  }

  @Test
  void withoutCorsOriginsThePagesOfTheServiceItselfAndScriptsAreAnsweredAndNoOtherPage(
      Vertx vertx) {
    try (TestApp app = TestApp.start(vertx, new JsonObject().put("CORS_ORIGINS", ""))) {
      assertThat(info(app, HttpMethod.GET, "http://127.0.0.1:" + app.port()).status())
          .isEqualTo(200);
      assertThat(info(app, HttpMethod.GET, null).status()).isEqualTo(200);
      assertThat(info(app, HttpMethod.GET, "https://shop.example.com").status()).isEqualTo(403);
    }
  }

  @Test
  void sameOriginComparesTheAuthorityWithTheHost() {
    assertThat(SameOrigin.as("http://api.example.com:8080", "API.example.com:8080")).isTrue();
    assertThat(SameOrigin.as("http://api.example.com", "api.example.com:8080")).isFalse();
    assertThat(SameOrigin.as("null", "api.example.com")).isFalse();
    assertThat(SameOrigin.as("http://a b", "a")).isFalse();
    assertThat(SameOrigin.as("http://a", null)).isFalse();
  }
}
