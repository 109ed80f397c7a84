package dev.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A product's category: set, changed, cleared, listed by, and guarded by the foreign key. */
class ProductCategoriesTest extends CategoryTestBase {

  private static long productIn(JsonObject category, String name) {
    Reply reply =
        user.postJson("/products", Products.valid(name).put("category_id", category.getLong("id")));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().getLong("id");
  }

  @Test
  void aProductCreatedInACategoryShowsItAndOneCreatedWithoutShowsNull() {
    JsonObject cups = created("Cups", "cups");

    long inCups = productIn(cups, "Espresso cup");
    Reply plain = user.postJson("/products", Products.valid("Plain"));

    assertThat(http.get("/products/" + inCups).json().getLong("category_id"))
        .isEqualTo(cups.getLong("id"));
    assertThat(plain.json().containsKey("category_id")).isTrue();
    assertThat(plain.json().getValue("category_id")).isNull();
  }

  @Test
  void aCategoryThatDoesNotExistIsA422ProblemAndNoProductIsMade() {
    long before = http.get("/products").json().getLong("total");

    Reply refused =
        user.postJson("/products", Products.valid("Orphan").put("category_id", 999_999_999));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().getString("detail")).contains("category");
    assertThat(http.get("/products").json().getLong("total")).isEqualTo(before);
  }

  @Test
  void aPatchMovesAProductToAnotherCategoryOrOutOfAny() {
    JsonObject cups = created("Cups", "cups");
    JsonObject mugs = created("Mugs", "mugs");
    long id = productIn(cups, "Cup");

    Reply moved =
        user.patchJson("/products/" + id, new JsonObject().put("category_id", mugs.getLong("id")));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(moved.json().getLong("category_id")).isEqualTo(mugs.getLong("id"));

    Reply cleared = user.patchJson("/products/" + id, new JsonObject().putNull("category_id"));
    assertThat(cleared.status()).as(cleared.text()).isEqualTo(200);
    assertThat(cleared.json().getValue("category_id")).isNull();
    assertThat(cleared.json().getString("name")).as("nothing else changed").isEqualTo("Cup");
  }

  @Test
  void aPatchToACategoryThatDoesNotExistIsA422AndChangesNothing() {
    JsonObject cups = created("Cups", "cups");
    long id = productIn(cups, "Cup");

    Reply refused =
        user.patchJson("/products/" + id, new JsonObject().put("category_id", 999_999_999));

    assertThat(refused.status()).isEqualTo(422);
    JsonObject product = http.get("/products/" + id).json();
    assertThat(product.getLong("category_id")).isEqualTo(cups.getLong("id"));
    assertThat(product.getInteger("version")).isEqualTo(1);
  }

  @Test
  void theListByCategoryHoldsThatCategorysProductsAloneAndCountsThem() {
    JsonObject cups = created("Cups", "cups");
    JsonObject mugs = created("Mugs", "mugs");
    productIn(cups, "Cup 1");
    productIn(mugs, "Mug 1");
    productIn(cups, "Cup 2");
    user.postJson("/products", Products.valid("Uncategorised"));

    JsonObject page = http.get("/products?category_id=" + cups.getLong("id")).json();

    JsonArray items = page.getJsonArray("items");
    assertThat(page.getLong("total")).isEqualTo(2);
    assertThat(items.stream().map(JsonObject.class::cast).map(p -> p.getString("name")))
        .containsExactly("Cup 2", "Cup 1");
    assertThat(
            http.get("/products?category_id=" + cups.getLong("id") + "&offset=5")
                .json()
                .getLong("total"))
        .as("past the last page the total is still the category's")
        .isEqualTo(2);
    assertThat(http.get("/products").json().getLong("total")).isEqualTo(4);
  }

  @Test
  void aCategoryIdThatIsNotAPositiveNumberIsA400() {
    assertThat(http.get("/products?category_id=0").status()).isEqualTo(400);
    assertThat(http.get("/products?category_id=cups").status()).isEqualTo(400);
    assertThat(user.postJson("/products", Products.valid("X").put("category_id", "cups")).status())
        .isEqualTo(400);
  }

  @Test
  void aCategoryWithProductsCannotBeDeletedThroughTheApiUntilTheyLeaveIt() {
    JsonObject cups = created("Cups", "cups");
    long id = productIn(cups, "Cup");

    assertThat(admin.delete("/categories/" + cups.getLong("id")).status()).isEqualTo(409);

    Reply left = user.patchJson("/products/" + id, new JsonObject().putNull("category_id"));
    assertThat(left.status()).as(left.text()).isEqualTo(200);
    assertThat(admin.delete("/categories/" + cups.getLong("id")).status()).isEqualTo(204);
  }

  @Test
  void aCachedProductShowsItsNewCategoryAtOnce() {
    JsonObject cups = created("Cups", "cups");
    JsonObject mugs = created("Mugs", "mugs");
    long id = productIn(cups, "Cup");
    http.get("/products/" + id);
    http.get("/products/" + id);

    user.patchJson("/products/" + id, new JsonObject().put("category_id", mugs.getLong("id")));

    assertThat(http.get("/products/" + id).json().getLong("category_id"))
        .isEqualTo(mugs.getLong("id"));
  }
}
