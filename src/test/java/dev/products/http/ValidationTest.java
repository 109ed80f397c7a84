package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx problem naming what is wrong, and nothing is written. */
class ValidationTest extends ApiTestBase {

  @AfterEach
  void nothingWasWritten() {
    assertThat(TestDatabase.count("SELECT count(*) FROM products")).isZero();
  }

  private static JsonObject onlyError(Reply reply) {
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonArray errors = reply.json().getJsonArray("errors");
    assertThat(errors).hasSize(1);
    return errors.getJsonObject(0);
  }

  @Test
  void missingNameIsNamedInTheErrors() {
    JsonObject error =
        onlyError(user.postJson("/products", new JsonObject().put("price_cents", 5)));

    assertThat(error.getString("in")).isEqualTo("body");
    assertThat(error.getString("field")).isEqualTo("name");
    assertThat(error.getString("pointer")).isEqualTo("#/name");
    assertThat(error.getString("detail")).contains("required");
  }

  @Test
  void nameOverTwoHundredCharactersIsRefused() {
    JsonObject error = onlyError(user.postJson("/products", Products.valid("x".repeat(201))));

    assertThat(error.getString("field")).isEqualTo("name");
  }

  @Test
  void nameOfExactlyTwoHundredCharactersIsAccepted() {
    Reply reply = user.postJson("/products", Products.valid("é".repeat(200)));

    assertThat(reply.status()).isEqualTo(201);
    Products.deleteAll();
  }

  @Test
  void blankNameIsRefused() {
    assertThat(onlyError(user.postJson("/products", Products.valid("   "))).getString("field"))
        .isEqualTo("name");
  }

  @Test
  void emptyNameIsRefused() {
    Reply reply = user.postJson("/products", Products.valid(""));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("name");
  }

  @Test
  void negativePriceIsRefused() {
    JsonObject error =
        onlyError(user.postJson("/products", Products.valid("Cup").put("price_cents", -1)));

    assertThat(error.getString("field")).isEqualTo("price_cents");
  }

  @Test
  void fractionalOrStringPriceIsRefused() {
    assertThat(user.postJson("/products", Products.valid("Cup").put("price_cents", 12.5)).status())
        .isEqualTo(400);
    assertThat(user.postJson("/products", Products.valid("Cup").put("price_cents", "12")).status())
        .isEqualTo(400);
  }

  @Test
  void negativeStockIsRefused() {
    assertThat(
            onlyError(user.postJson("/products", Products.valid("Cup").put("stock", -3)))
                .getString("field"))
        .isEqualTo("stock");
  }

  @Test
  void descriptionOverTwoThousandCharactersIsRefused() {
    JsonObject error =
        onlyError(
            user.postJson("/products", Products.valid("Cup").put("description", "d".repeat(2001))));

    assertThat(error.getString("field")).isEqualTo("description");
  }

  @Test
  void nulCharacterInDescriptionIsRefusedNotAServerError() {
    JsonObject error =
        onlyError(user.postJson("/products", Products.valid("Cup").put("description", "a\u0000b")));

    assertThat(error.getString("field")).isEqualTo("description");
  }

  @Test
  void unknownFieldIsRefused() {
    JsonObject error =
        onlyError(user.postJson("/products", Products.valid("Cup").put("colour", "red")));

    assertThat(error.getString("field")).isEqualTo("colour");
    assertThat(error.getString("detail")).isEqualTo("is not a known field");
  }

  @Test
  void everyBadFieldIsListed() {
    Reply reply =
        user.postJson(
            "/products", new JsonObject().put("name", "").put("price_cents", -1).put("id", 3));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(
            reply.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field")))
        .contains("name", "price_cents", "id");
  }

  @Test
  void malformedJsonIsA400Problem() {
    Reply reply =
        user.send(
            HttpMethod.POST,
            "/products",
            "application/json",
            Buffer.buffer("{\"name\": \"Cup\", "),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/malformed-request");
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    Reply reply =
        user.send(
            HttpMethod.POST,
            "/products",
            "application/json",
            Buffer.buffer("[1, 2]"),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void missingBodyIsRefused() {
    Reply reply =
        user.send(
            HttpMethod.POST,
            "/products",
            "application/json",
            null,
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void wrongContentTypeIsA415Problem() {
    Reply reply =
        user.send(
            HttpMethod.POST,
            "/products",
            "text/plain",
            Products.valid("Cup").toBuffer(),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/unsupported-media-type");
  }

  @Test
  void jsonWithCharsetParameterIsAccepted() {
    Reply reply =
        user.send(
            HttpMethod.POST,
            "/products",
            "application/json; charset=utf-8",
            Products.valid("Cup").toBuffer(),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(201);
    Products.deleteAll();
  }

  @Test
  void bodyLargerThanTheLimitIsA413Problem() {
    JsonObject huge = Products.valid("Cup").put("description", "x".repeat(2 * 1024 * 1024));

    Reply reply = user.postJson("/products", huge);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/payload-too-large");
  }

  @Test
  void emptyPatchIsRefused() {
    assertThat(user.patchJson("/products/1", new JsonObject()).status()).isEqualTo(400);
  }

  @Test
  void patchCannotSetTheIdOrTimestamps() {
    Reply reply =
        user.patchJson(
            "/products/1", new JsonObject().put("id", 9).put("created_at", "2020-01-01T00:00:00Z"));

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void nonNumericIdIsA400NamingThePathParameter() {
    JsonObject error = http.get("/products/abc").json().getJsonArray("errors").getJsonObject(0);

    assertThat(error.getString("in")).isEqualTo("path");
    assertThat(error.getString("field")).isEqualTo("id");
  }

  @Test
  void idBeyondSixtyFourBitsIsA400NotAServerError() {
    assertThat(http.get("/products/99999999999999999999999").status()).isEqualTo(400);
    assertThat(user.delete("/products/-1").status()).isEqualTo(400);
    assertThat(http.get("/products/0").status()).isEqualTo(400);
  }
}
