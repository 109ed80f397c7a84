package dev.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One running service per class, as for products; an admin to write with, and an empty categories
 * table per test (after {@link ApiTestBase} has emptied products, which may point at categories).
 */
abstract class CategoryTestBase extends ApiTestBase {

  /** Signed in as the admin created at start. */
  protected static HttpClientSupport admin;

  @BeforeAll
  static void signInAdmin() {
    admin = Accounts.admin(http);
  }

  @BeforeEach
  void emptyCategories() {
    TestDatabase.execute("DELETE FROM categories");
  }

  static JsonObject category(String name, String slug) {
    return new JsonObject().put("name", name).put("slug", slug);
  }

  /** Creates a category as the admin; returns it. */
  static JsonObject created(String name, String slug) {
    Reply reply = admin.postJson("/categories", category(name, slug));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json();
  }

  /** A product row in the category, written with SQL: products learn categories in part 2. */
  static void productIn(long categoryId) {
    TestDatabase.execute(
        "INSERT INTO products (name, price_cents, category_id) VALUES ('In a category', 100, "
            + categoryId
            + ")");
  }
}
