package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** 405 says what is allowed; HEAD is served wherever GET is. */
class MethodsTest extends ApiTestBase {

  private static Reply send(String method, String path) {
    return http.send(
        HttpMethod.valueOf(method), path, null, null, MultiMap.caseInsensitiveMultiMap());
  }

  @Test
  void anInventedMethodIsA405ProblemThatListsTheAllowedMethods() {
    Reply reply = send("ZQ123", "/products");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/method-not-allowed");
  }

  @Test
  void aMethodTheContractDoesNotDeclareOnAPathIsA405WithItsAllow() {
    Reply reply = send("PUT", "/products/1");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("DELETE, GET, HEAD, PATCH");
  }

  @Test
  void aPathWithoutGetAllowsNoHead() {
    Reply reply = send("GET", "/auth/register");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("POST");
  }

  @Test
  void headOfAProductIsItsGetWithoutTheBody() {
    long id = user.postJson("/products", Products.valid("Cup")).json().getLong("id");
    Reply get = http.get("/products/" + id);

    Reply head = send("HEAD", "/products/" + id);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
    assertThat(head.header("Content-Type")).isEqualTo("application/json");
    assertThat(head.body() == null || head.body().length() == 0).isTrue();
  }

  @Test
  void headWorksOnEveryKindOfGetRoute() {
    assertThat(send("HEAD", "/products").status()).isEqualTo(200);
    assertThat(send("HEAD", "/healthz/live").status()).isEqualTo(200);
    assertThat(send("HEAD", "/openapi.yaml").status()).isEqualTo(200);
    assertThat(send("HEAD", "/products/987654321").status()).isEqualTo(404);
  }

  @Test
  void headOfAProtectedResourceNeedsTheTokenAsGetDoes() {
    Reply reply = send("HEAD", "/users/me");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void aTrailingSlashOrADoubledSlashNamesTheSamePathInAllow() {
    assertThat(send("DELETE", "/products/").header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(send("PUT", "//healthz/live").header("Allow")).isEqualTo("GET, HEAD");
    assertThat(send("DELETE", "/users/me/").header("Allow")).isEqualTo("GET, HEAD");
    assertThat(send("PATCH", "/%70roducts").header("Allow")).isEqualTo("GET, HEAD, POST");
  }

  @Test
  void methodsAreCaseSensitiveSoALowerCaseGetIsA405() {
    Reply reply = send("get", "/products");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, POST");
  }
}
