package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a client sends gets an answer, a 4xx problem with the request id, never a 5xx or
 * silence.
 */
class MalformedRequestsTest extends ApiTestBase {

  private static MultiMap header(String name, String value) {
    return MultiMap.caseInsensitiveMultiMap().add(name, value);
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.header("X-Request-ID")).isNotBlank();
    assertThat(reply.json().getString("request_id")).isEqualTo(reply.header("X-Request-ID"));
    assertThat(reply.json().getInteger("status")).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "\"", "\"2\", x", "W/", "\"1\" \"2\""})
  void aMalformedIfNoneMatchOnAnExistingProductIsA400(String value) {
    long id = user.postJson("/products", Products.valid("Cup")).json().getLong("id");

    Reply reply =
        http.send(HttpMethod.GET, "/products/" + id, null, null, header("If-None-Match", value));

    assertProblem(reply, 400);
    assertThat(reply.json().getString("detail")).contains("If-None-Match");
  }

  @Test
  void anIfNoneMatchLongerThanTheContractAllowsIsA400() {
    long id = user.postJson("/products", Products.valid("Cup")).json().getLong("id");

    Reply reply =
        http.send(
            HttpMethod.GET,
            "/products/" + id,
            null,
            null,
            header("If-None-Match", "\"1\", ".repeat(300) + "\"2\""));

    assertProblem(reply, 400);
  }

  @Test
  void anIfMatchLongerThanTheContractAllowsIsA400() {
    long id = user.postJson("/products", Products.valid("Cup")).json().getLong("id");

    Reply reply =
        user.send(
            HttpMethod.DELETE,
            "/products/" + id,
            null,
            null,
            header("If-Match", "\"1\", ".repeat(300) + "\"2\""));

    assertProblem(reply, 400);
    assertThat(user.get("/products/" + id).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/products/%zz", "/jobs/%zz", "/exports/%zz", "/users/%zz", "/products/%", "/%zz"})
  void aBadPercentEscapeInThePathIsAProblem(String path) {
    assertProblem(user.get(path), 400);
  }

  @Test
  void aBadPercentEscapeInAWritesPathIsAProblem() {
    assertProblem(user.patchJson("/products/%zz", new JsonObject().put("name", "x")), 400);
    assertProblem(user.delete("/products/%zz"), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/products?limit=%zz", "/products?limit=%", "/products?%zz=1"})
  void aBadPercentEscapeInTheQueryIsAProblem(String target) {
    Reply reply = http.get(target);

    assertProblem(reply, 400);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/malformed-request");
    assertProblem(Accounts.admin(http).get(target.replace("/products", "/users")), 400);
  }

  @Test
  void anEmptyEmailIsAValidationProblem() {
    Reply reply =
        http.postJson(
            "/auth/register",
            new JsonObject().put("email", "").put("password", "repro-password-1"));

    assertProblem(reply, 400);
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("email");
  }

  @Test
  void aRequestLineOverTheLimitIsA414Problem() {
    Reply reply = http.get("/products?q=" + "a".repeat(9000));

    assertProblem(reply, 414);
  }

  @Test
  void headersOverTheLimitAreA431Problem() {
    Reply reply =
        http.send(HttpMethod.GET, "/products", null, null, header("X-Padding", "a".repeat(9000)));

    assertProblem(reply, 431);
  }

  @Test
  void aBodyOnAnOperationThatTakesNoneIsIgnored() {
    Reply reply =
        http.send(
            HttpMethod.GET,
            "/products",
            "text/plain",
            Buffer.buffer("hello"),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void aFormBodyOnAGetIsIgnored() {
    Reply reply =
        http.send(
            HttpMethod.GET,
            "/products",
            "application/x-www-form-urlencoded",
            Buffer.buffer("a=1"),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void aFormBodyWithAnUndeclaredMethodIsA405() {
    Reply reply =
        http.send(
            HttpMethod.OPTIONS,
            "/auth/token",
            "multipart/form-data; boundary=x",
            Buffer.buffer("--x--"),
            MultiMap.caseInsensitiveMultiMap());

    assertProblem(reply, 405);
    assertThat(reply.header("Allow")).isEqualTo("POST");
  }
}
