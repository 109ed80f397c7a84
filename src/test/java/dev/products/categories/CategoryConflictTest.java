package dev.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Names and slugs are unique, and a category that products belong to cannot be deleted: 409. */
class CategoryConflictTest extends CategoryTestBase {

  private static void assertConflict(Reply reply, String detail) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(409);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/conflict");
    assertThat(reply.json().getString("detail")).isEqualTo(detail);
  }

  @Test
  void aTakenNameIs409() {
    created("Cups", "cups");

    assertConflict(
        admin.postJson("/categories", category("Cups", "other-cups")),
        "a category with the name Cups already exists");
    assertThat(TestDatabase.count("SELECT count(*) FROM categories")).isEqualTo(1);
  }

  @Test
  void aTakenSlugIs409() {
    created("Cups", "cups");

    assertConflict(
        admin.postJson("/categories", category("Other cups", "cups")),
        "a category with the slug cups already exists");
  }

  @Test
  void aPatchToATakenNameOrSlugIs409AndWritesNothing() {
    created("Cups", "cups");
    long id = created("Mugs", "mugs").getLong("id");

    assertConflict(
        admin.patchJson("/categories/" + id, new JsonObject().put("name", "Cups")),
        "a category with the name Cups already exists");
    assertConflict(
        admin.patchJson("/categories/" + id, new JsonObject().put("slug", "cups")),
        "a category with the slug cups already exists");
    JsonObject mugs = http.get("/categories/" + id).json();
    assertThat(mugs.getString("name")).isEqualTo("Mugs");
    assertThat(mugs.getInteger("version")).isEqualTo(1);
  }

  @Test
  void aPatchToItsOwnNameIsNoConflict() {
    long id = created("Cups", "cups").getLong("id");

    Reply reply =
        admin.patchJson(
            "/categories/" + id, new JsonObject().put("name", "Cups").put("slug", "cups"));

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void deletingACategoryProductsBelongToIs409AndItStays() {
    long id = created("Cups", "cups").getLong("id");
    productIn(id);

    assertConflict(
        admin.delete("/categories/" + id),
        "category " + id + " is still used by products: move or delete them first");
    assertThat(http.get("/categories/" + id).status()).isEqualTo(200);
  }

  @Test
  void onceItsProductsAreGoneTheCategoryCanBeDeleted() {
    long id = created("Cups", "cups").getLong("id");
    productIn(id);
    TestDatabase.execute("DELETE FROM products WHERE category_id = " + id);

    assertThat(admin.delete("/categories/" + id).status()).isEqualTo(204);
  }

  @Test
  void productsOfAnotherCategoryDoNotHoldThisOne() {
    long cups = created("Cups", "cups").getLong("id");
    long mugs = created("Mugs", "mugs").getLong("id");
    productIn(mugs);

    assertThat(admin.delete("/categories/" + cups).status()).isEqualTo(204);
  }
}
