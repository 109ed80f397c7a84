package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Reading is public, writing needs a user, changing needs ownership or the admin role. */
class AuthorizationTest extends ApiTestBase {

  @Test
  void readingProductsNeedsNoToken() {
    long id = user.postJson("/products", Products.valid("Public")).json().getLong("id");

    assertThat(http.get("/products").status()).isEqualTo(200);
    assertThat(http.get("/products/" + id).status()).isEqualTo(200);
  }

  @Test
  void createdProductIsOwnedByItsCreator() {
    String email = Accounts.uniqueEmail();
    long userId = Accounts.register(http, email).getLong("id");
    HttpClientSupport creator =
        http.as(Accounts.login(http, email, Accounts.PASSWORD).getString("access_token"));

    JsonObject product = creator.postJson("/products", Products.valid("Mine")).json();

    assertThat(product.getLong("owner_id")).isEqualTo(userId);
  }

  @Test
  void anotherUserCannotChangeOrDeleteAProduct() {
    long id = user.postJson("/products", Products.valid("Not yours")).json().getLong("id");
    HttpClientSupport stranger = Accounts.newUser(http);

    Reply patch = stranger.patchJson("/products/" + id, new JsonObject().put("stock", 0));
    Reply delete = stranger.delete("/products/" + id);

    assertThat(patch.status()).isEqualTo(403);
    assertThat(patch.json().getString("type")).isEqualTo("/problems/forbidden");
    assertThat(delete.status()).isEqualTo(403);
    assertThat(http.get("/products/" + id).json().getInteger("stock")).isEqualTo(3);
  }

  @Test
  void theOwnerCanChangeAndDeleteTheirProduct() {
    long id = user.postJson("/products", Products.valid("Own")).json().getLong("id");

    assertThat(user.patchJson("/products/" + id, new JsonObject().put("stock", 9)).status())
        .isEqualTo(200);
    assertThat(user.delete("/products/" + id).status()).isEqualTo(204);
  }

  @Test
  void anAdminCanChangeAndDeleteAnyProduct() {
    long id = user.postJson("/products", Products.valid("Any")).json().getLong("id");
    HttpClientSupport admin = Accounts.admin(http);

    assertThat(admin.patchJson("/products/" + id, new JsonObject().put("name", "Renamed")).status())
        .isEqualTo(200);
    assertThat(admin.delete("/products/" + id).status()).isEqualTo(204);
  }

  @Test
  void forbiddenWriteOnAMissingProductIs404NotA403() {
    assertThat(
            Accounts.newUser(http)
                .patchJson("/products/987654321", new JsonObject().put("stock", 1))
                .status())
        .isEqualTo(404);
  }

  @Test
  void listingUsersNeedsTheAdminRole() {
    Reply reply = user.get("/users");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/forbidden");
  }

  @Test
  void adminListsUsersPaginated() {
    Reply reply = Accounts.admin(http).get("/users?limit=2&offset=0");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getJsonArray("items")).hasSizeLessThanOrEqualTo(2);
    assertThat(reply.json().getLong("total")).isGreaterThanOrEqualTo(2);
    assertThat(reply.text()).doesNotContain("password").doesNotContain("argon2");
  }

  @Test
  void disablingAUserStopsTheirTokensAtOnceAndTheirLogins() {
    String email = Accounts.uniqueEmail();
    long id = Accounts.register(http, email).getLong("id");
    JsonObject tokens = Accounts.login(http, email, Accounts.PASSWORD);
    HttpClientSupport victim = http.as(tokens.getString("access_token"));
    assertThat(victim.get("/users/me").status()).isEqualTo(200);

    Reply disabled =
        Accounts.admin(http).patchJson("/users/" + id, new JsonObject().put("disabled", true));

    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().getBoolean("disabled")).isTrue();
    assertThat(victim.get("/users/me").status()).isEqualTo(401);
    assertThat(
            http.postForm(
                    "/auth/token",
                    MultiMap.caseInsensitiveMultiMap()
                        .add("username", email)
                        .add("password", Accounts.PASSWORD))
                .status())
        .isEqualTo(401);
    assertThat(
            http.postJson(
                    "/auth/refresh",
                    new JsonObject().put("refresh_token", tokens.getString("refresh_token")))
                .status())
        .isEqualTo(401);
  }

  @Test
  void promotingAUserToAdminTakesEffectOnTheirNextRequest() {
    String email = Accounts.uniqueEmail();
    long id = Accounts.register(http, email).getLong("id");
    HttpClientSupport promoted =
        http.as(Accounts.login(http, email, Accounts.PASSWORD).getString("access_token"));
    assertThat(promoted.get("/users").status()).isEqualTo(403);

    Accounts.admin(http).patchJson("/users/" + id, new JsonObject().put("role", "admin"));

    assertThat(promoted.get("/users").status()).isEqualTo(200);
  }

  @Test
  void adminPatchOfAnUnknownUserIs404AndOfABadRoleIs400() {
    HttpClientSupport admin = Accounts.admin(http);

    assertThat(admin.patchJson("/users/987654321", new JsonObject().put("disabled", true)).status())
        .isEqualTo(404);
    assertThat(admin.patchJson("/users/1", new JsonObject().put("role", "superuser")).status())
        .isEqualTo(400);
  }

  @Test
  void firstAdminWasCreatedFromTheConfigurationOnce() {
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM users WHERE role = 'admin' AND email_canonical = 'admin@products.test'"))
        .isEqualTo(1);
  }

  @Test
  void personalDataIsNeverStoredByACache() {
    HttpClientSupport admin = Accounts.admin(http);
    long id = user.get("/users/me").json().getLong("id");

    assertThat(user.get("/users/me").header("Cache-Control")).isEqualTo("no-store");
    assertThat(admin.get("/users").header("Cache-Control")).isEqualTo("no-store");
    assertThat(
            admin
                .patchJson("/users/" + id, new JsonObject().put("role", "user"))
                .header("Cache-Control"))
        .isEqualTo("no-store");
  }
}
