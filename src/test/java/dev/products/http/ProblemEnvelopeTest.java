package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Every failure is an RFC 9457 problem carrying the request id. */
class ProblemEnvelopeTest extends ApiTestBase {

  private static void assertProblemShape(Reply reply, int status, String path) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = reply.json();
    assertThat(problem.getString("type")).startsWith("/problems/");
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(problem.getString("instance")).isEqualTo(path);
    assertThat(problem.getString("request_id")).isEqualTo(reply.header("X-Request-ID"));
  }

  @Test
  void unknownRouteIsA404Problem() {
    assertProblemShape(http.get("/no/such/thing"), 404, "/no/such/thing");
  }

  @Test
  void unknownMethodOnAKnownPathIsA405Problem() {
    Reply reply =
        http.send(HttpMethod.PUT, "/products/1", null, null, MultiMap.caseInsensitiveMultiMap());

    assertProblemShape(reply, 405, "/products/1");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/method-not-allowed");
  }

  @Test
  void validationFailureIsAProblemWithErrors() {
    Reply reply = user.postJson("/products", new JsonObject());

    assertProblemShape(reply, 400, "/products");
    assertThat(reply.json().getJsonArray("errors")).isNotEmpty();
  }

  @Test
  void wellFormedIncomingRequestIdIsKept() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "trace-0123456789");

    Reply reply = http.send(HttpMethod.GET, "/products/123456", null, null, headers);

    assertThat(reply.header("X-Request-ID")).isEqualTo("trace-0123456789");
    assertThat(reply.json().getString("request_id")).isEqualTo("trace-0123456789");
  }

  @Test
  void malformedIncomingRequestIdIsReplaced() {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", "bad id\twith <script>");

    Reply reply = http.send(HttpMethod.GET, "/products/123456", null, null, headers);

    assertThat(reply.header("X-Request-ID")).matches("[0-9a-f]{32}");
  }

  @Test
  void successfulResponsesCarryARequestIdToo() {
    assertThat(http.get("/").header("X-Request-ID")).isNotBlank();
  }
}
