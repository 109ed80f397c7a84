package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.PomVersion;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProductCrudTest extends ApiTestBase {

  @Test
  void createAnswers201WithLocationAndTheProduct() {
    Reply reply =
        user.postJson(
            "/products",
            new JsonObject()
                .put("name", "Espresso cup")
                .put("description", "Porcelain")
                .put("price_cents", 1250)
                .put("stock", 40));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    JsonObject product = reply.json();
    assertThat(reply.header("Location")).isEqualTo("/products/" + product.getLong("id"));
    assertThat(product.getString("name")).isEqualTo("Espresso cup");
    assertThat(product.getString("description")).isEqualTo("Porcelain");
    assertThat(product.getLong("price_cents")).isEqualTo(1250);
    assertThat(product.getInteger("stock")).isEqualTo(40);
    assertThat(product.getString("created_at")).endsWith("Z");
    assertThat(product.getString("updated_at")).isEqualTo(product.getString("created_at"));
    assertThat(TestDatabase.count("SELECT count(*) FROM products")).isEqualTo(1);
  }

  @Test
  void createDefaultsStockToZeroAndDescriptionToNull() {
    JsonObject product =
        user.postJson("/products", new JsonObject().put("name", "Plain").put("price_cents", 0))
            .json();

    assertThat(product.getInteger("stock")).isZero();
    assertThat(product.containsKey("description")).isTrue();
    assertThat(product.getValue("description")).isNull();
  }

  @Test
  void getAnswersTheStoredProduct() {
    JsonObject created = user.postJson("/products", Products.valid("Mug")).json();

    Reply reply = http.get("/products/" + created.getLong("id"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).isEqualTo(created);
  }

  @Test
  void getUnknownIdAnswers404Problem() {
    Reply reply = http.get("/products/987654321");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/not-found");
    assertThat(reply.json().getString("detail")).contains("987654321");
  }

  @Test
  void patchChangesOnlyTheFieldsSentAndMovesUpdatedAt() {
    JsonObject created =
        user.postJson(
                "/products",
                new JsonObject()
                    .put("name", "Teapot")
                    .put("description", "Cast iron")
                    .put("price_cents", 4500)
                    .put("stock", 7))
            .json();

    Reply reply =
        user.patchJson(
            "/products/" + created.getLong("id"), new JsonObject().put("price_cents", 3900));

    assertThat(reply.status()).isEqualTo(200);
    JsonObject updated = reply.json();
    assertThat(updated.getLong("price_cents")).isEqualTo(3900);
    assertThat(updated.getString("name")).isEqualTo("Teapot");
    assertThat(updated.getString("description")).isEqualTo("Cast iron");
    assertThat(updated.getInteger("stock")).isEqualTo(7);
    assertThat(updated.getString("created_at")).isEqualTo(created.getString("created_at"));
    assertThat(Instant.parse(updated.getString("updated_at")))
        .isAfter(Instant.parse(created.getString("updated_at")));
    assertThat(http.get("/products/" + created.getLong("id")).json()).isEqualTo(updated);
  }

  @Test
  void patchWithNullDescriptionClearsIt() {
    JsonObject created =
        user.postJson("/products", Products.valid("Bowl").put("description", "Deep")).json();

    JsonObject updated =
        user.patchJson(
                "/products/" + created.getLong("id"), new JsonObject().putNull("description"))
            .json();

    assertThat(updated.getValue("description")).isNull();
    assertThat(updated.getString("name")).isEqualTo("Bowl");
  }

  @Test
  void patchUnknownIdAnswers404() {
    Reply reply = user.patchJson("/products/987654321", new JsonObject().put("stock", 1));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/not-found");
  }

  @Test
  void deleteAnswers204AndTheProductIsGone() {
    long id = user.postJson("/products", Products.valid("Jug")).json().getLong("id");

    Reply reply = user.delete("/products/" + id);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.body()).isNull();
    assertThat(http.get("/products/" + id).status()).isEqualTo(404);
    assertThat(TestDatabase.count("SELECT count(*) FROM products")).isZero();
  }

  @Test
  void deleteUnknownIdAnswers404() {
    assertThat(user.delete("/products/987654321").status()).isEqualTo(404);
  }

  @Test
  void rootAnswersServiceNameAndThePomVersion() {
    Reply reply = http.get("/");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("service")).isEqualTo("products-api");
    assertThat(reply.json().getString("version")).isEqualTo(PomVersion.get());
    assertThat(reply.json().getString("docs")).isEqualTo("/docs");
  }
}
