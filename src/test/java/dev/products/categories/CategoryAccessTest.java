package dev.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Everyone reads categories; only admins write them, and a refused write changes nothing. */
class CategoryAccessTest extends CategoryTestBase {

  @Test
  void writesWithoutATokenAre401WithABearerChallenge() {
    long id = created("Cups", "cups").getLong("id");

    for (Reply reply :
        new Reply[] {
          http.postJson("/categories", category("Mugs", "mugs")),
          http.patchJson("/categories/" + id, new JsonObject().put("name", "Mugs")),
          http.delete("/categories/" + id)
        }) {
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }
    assertThat(http.get("/categories/" + id).json().getString("name")).isEqualTo("Cups");
  }

  @Test
  void writesByAUserWhoIsNoAdminAre403() {
    long id = created("Cups", "cups").getLong("id");

    for (Reply reply :
        new Reply[] {
          user.postJson("/categories", category("Mugs", "mugs")),
          user.patchJson("/categories/" + id, new JsonObject().put("name", "Mugs")),
          user.delete("/categories/" + id)
        }) {
      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json().getString("detail")).contains("admin");
    }
    assertThat(TestDatabase.count("SELECT count(*) FROM categories")).isEqualTo(1);
    assertThat(http.get("/categories/" + id).json().getString("name")).isEqualTo("Cups");
  }

  @Test
  void readsNeedNoToken() {
    long id = created("Cups", "cups").getLong("id");

    assertThat(http.get("/categories").status()).isEqualTo(200);
    assertThat(http.get("/categories/" + id).status()).isEqualTo(200);
    assertThat(user.get("/categories/" + id).status()).isEqualTo(200);
  }
}
