package dev.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Create, read, list, change and delete categories over HTTP, as an admin and as anyone. */
class CategoryCrudTest extends CategoryTestBase {

  @Test
  void createAnswers201WithLocationEtagAndTheCategory() {
    Reply reply =
        admin.postJson(
            "/categories",
            category("Cups and mugs", "cups-and-mugs")
                .put("description", "Anything you drink from."));

    assertThat(reply.status()).isEqualTo(201);
    JsonObject category = reply.json();
    assertThat(reply.header("Location")).isEqualTo("/categories/" + category.getLong("id"));
    assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    assertThat(category.getString("name")).isEqualTo("Cups and mugs");
    assertThat(category.getString("slug")).isEqualTo("cups-and-mugs");
    assertThat(category.getString("description")).isEqualTo("Anything you drink from.");
    assertThat(category.getInteger("version")).isEqualTo(1);
    assertThat(category.getString("created_at")).endsWith("Z");
    assertThat(category.getString("updated_at")).isEqualTo(category.getString("created_at"));
    assertThat(TestDatabase.count("SELECT count(*) FROM categories")).isEqualTo(1);
  }

  @Test
  void theDescriptionIsOptionalAndNullWhenLeftOut() {
    JsonObject category = created("Teapots", "teapots");

    assertThat(category.containsKey("description")).isTrue();
    assertThat(category.getValue("description")).isNull();
  }

  @Test
  void anyoneReadsACategoryWithItsEtag() {
    JsonObject category = created("Teapots", "teapots");

    Reply reply = http.get("/categories/" + category.getLong("id"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    assertThat(reply.json()).isEqualTo(category);
  }

  @Test
  void anyoneListsCategoriesInNameOrderAPageAtATime() {
    created("Teapots", "teapots");
    created("Cups", "cups");
    created("Saucers", "saucers");

    Reply first = http.get("/categories?limit=2");
    Reply second = user.get("/categories?limit=2&offset=2");

    assertThat(first.status()).isEqualTo(200);
    assertThat(names(first.json().getJsonArray("items"))).containsExactly("Cups", "Saucers");
    assertThat(first.json().getLong("total")).isEqualTo(3);
    assertThat(first.json().getInteger("limit")).isEqualTo(2);
    assertThat(first.json().getLong("offset")).isZero();
    assertThat(names(second.json().getJsonArray("items"))).containsExactly("Teapots");
    assertThat(second.json().getLong("offset")).isEqualTo(2);
  }

  @Test
  void anEmptyListAndAPagePastTheEndStillCarryTheTotal() {
    assertThat(http.get("/categories").json())
        .isEqualTo(
            new JsonObject()
                .put("items", new JsonArray())
                .put("total", 0)
                .put("limit", 20)
                .put("offset", 0));
    created("Cups", "cups");

    JsonObject past = http.get("/categories?offset=5").json();

    assertThat(past.getJsonArray("items")).isEmpty();
    assertThat(past.getLong("total")).isEqualTo(1);
  }

  @Test
  void patchChangesOnlyTheFieldsSentAndMovesTheVersion() {
    JsonObject category = created("Cups", "cups");
    long id = category.getLong("id");

    Reply reply = admin.patchJson("/categories/" + id, new JsonObject().put("name", "Cups & mugs"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
    JsonObject patched = reply.json();
    assertThat(patched.getString("name")).isEqualTo("Cups & mugs");
    assertThat(patched.getString("slug")).isEqualTo("cups");
    assertThat(patched.getInteger("version")).isEqualTo(2);
    assertThat(patched.getString("created_at")).isEqualTo(category.getString("created_at"));
    assertThat(http.get("/categories/" + id).json()).isEqualTo(patched);
  }

  @Test
  void patchWithANullDescriptionClearsIt() {
    long id =
        admin
            .postJson("/categories", category("Cups", "cups").put("description", "Porcelain"))
            .json()
            .getLong("id");

    JsonObject patched =
        admin
            .patchJson(
                "/categories/" + id,
                new JsonObject().put("description", null).put("slug", "cups-2"))
            .json();

    assertThat(patched.getValue("description")).isNull();
    assertThat(patched.getString("slug")).isEqualTo("cups-2");
  }

  @Test
  void deleteAnswers204AndTheCategoryIsGone() {
    long id = created("Cups", "cups").getLong("id");

    Reply reply = admin.delete("/categories/" + id);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(http.get("/categories/" + id).status()).isEqualTo(404);
    assertThat(TestDatabase.count("SELECT count(*) FROM categories")).isZero();
  }

  @Test
  void aNameOrSlugFreedByADeleteCanBeUsedAgain() {
    long id = created("Cups", "cups").getLong("id");
    admin.delete("/categories/" + id);

    assertThat(admin.postJson("/categories", category("Cups", "cups")).status()).isEqualTo(201);
  }

  @Test
  void aMissingCategoryIs404ForEveryOperation() {
    long missing = 987_654_321L;

    for (Reply reply :
        new Reply[] {
          http.get("/categories/" + missing),
          admin.patchJson("/categories/" + missing, new JsonObject().put("name", "X")),
          admin.delete("/categories/" + missing)
        }) {
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reply.json().getString("detail"))
          .isEqualTo("category " + missing + " does not exist");
    }
  }

  private static java.util.List<String> names(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getString("name")).toList();
  }
}
