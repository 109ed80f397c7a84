package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Media types as RFC 9110 reads them, and JSON as RFC 8259 writes it: UTF-8, no comments. */
class MediaTypesTest extends ApiTestBase {

  private static final String PRODUCT = "{\"name\":\"Cup\",\"price_cents\":100}";

  private static Reply create(String contentType, Buffer body) {
    return user.send(
        HttpMethod.POST, "/products", contentType, body, MultiMap.caseInsensitiveMultiMap());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "Application/JSON",
        "APPLICATION/json ; charset=UTF-8",
        "application/json;charset=\"utf-8\"",
        "application/json; profile=x"
      })
  void jsonInAnyCaseAndWithParametersIsAccepted(String contentType) {
    assertThat(create(contentType, Buffer.buffer(PRODUCT)).status()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/jsonx",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/json; charset=latin1",
        "application/x-www-form-urlencoded",
        "json",
        "application/json;;"
      })
  void anythingElseIsA415Problem(String contentType) {
    Reply reply = create(contentType, Buffer.buffer(PRODUCT));

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/unsupported-media-type");
    assertThat(Accounts.admin(http).get("/products").json().getLong("total")).isZero();
  }

  @Test
  void aBodyWithoutAContentTypeIsA415() {
    assertThat(create(null, Buffer.buffer(PRODUCT)).status()).isEqualTo(415);
  }

  @Test
  void aFormThatOnlyLooksLikeOneIsA415OnTheTokenEndpoint() {
    Reply reply =
        http.send(
            HttpMethod.POST,
            "/auth/token",
            "application/x-www-form-urlencoded-evil",
            Buffer.buffer("username=a%40b.c&password=whatever1"),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(415);
  }

  @Test
  void theFormMediaTypeIsAlsoCaseInsensitive() {
    Reply reply =
        http.send(
            HttpMethod.POST,
            "/auth/token",
            "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
            Buffer.buffer(
                "username="
                    + URLEncoder.encode(TestApp.ADMIN_EMAIL, StandardCharsets.UTF_8)
                    + "&password="
                    + URLEncoder.encode(TestApp.ADMIN_PASSWORD, StandardCharsets.UTF_8)),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void jsonWithACommentIsMalformed() {
    Reply reply =
        create(
            "application/json",
            Buffer.buffer("{\"name\":\"Cup\", /* note */ \"price_cents\":100}"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/malformed-request");
  }

  @Test
  void utf16JsonIsMalformed() {
    Reply reply =
        create("application/json", Buffer.buffer(PRODUCT.getBytes(StandardCharsets.UTF_16)));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/malformed-request");
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] latin1 =
        "{\"name\":\"Caf\u00e9\",\"price_cents\":100}".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(create("application/json", Buffer.buffer(latin1)).status()).isEqualTo(400);
  }

  @Test
  void trailingGarbageAfterTheJsonIsMalformed() {
    assertThat(create("application/json", Buffer.buffer(PRODUCT + " x")).status()).isEqualTo(400);
  }
}
