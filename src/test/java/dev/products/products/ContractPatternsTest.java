package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service stores exactly what the contract accepts, as a JSON Schema (ECMA-262) validator reads
 * it: whitespace that only ECMA-262's \s knows (U+00A0 and the other Unicode spaces) is whitespace
 * here too, and the database holds the same rules.
 */
class ContractPatternsTest extends ApiTestBase {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u00a0\u00a0",
        "\u3000",
        "\u2007\u2028",
        "\ufeff",
        " \u00a0 ",
        "\u1680",
        "\u202f\u205f"
      })
  void aNameOfOnlyUnicodeSpacesIsRefused(String name) {
    Reply reply = user.postJson("/products", Products.valid(name));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0085b", "a\u009fb", "a\u007fb"})
  void aNameWithAControlCharacterIsRefused(String name) {
    assertThat(user.postJson("/products", Products.valid(name)).status()).isEqualTo(400);
  }

  @Test
  void aNameWithSpacesAroundVisibleCharactersIsKept() {
    Reply reply = user.postJson("/products", Products.valid("\u00a0Caf\u00e9\u3000cup "));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().getString("name")).isEqualTo("\u00a0Caf\u00e9\u3000cup ");
  }

  @Test
  void anUpdateToABlankNameIsRefusedToo() {
    long id = user.postJson("/products", Products.valid("Cup")).json().getLong("id");

    assertThat(user.patchJson("/products/" + id, new JsonObject().put("name", "\u00a0")).status())
        .isEqualTo(400);
    assertThat(http.get("/products/" + id).json().getString("name")).isEqualTo("Cup");
  }

  @Test
  void theDatabaseRefusesABlankNameWhateverWritesIt() {
    long owner = TestDatabase.count("SELECT id FROM users ORDER BY id LIMIT 1");

    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    "INSERT INTO products (name, price_cents, owner_id) VALUES (E'\\u00a0\\u00a0', 1, "
                        + owner
                        + ")"))
        .hasMessageContaining("products_name_contract");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\u00a0b@example.com",
        "ada@exa\u00a0mple.com",
        "ad\u00e9@example.com",
        "a..b@example.com",
        "ada@example",
        "ada@-example.com",
        "@example.com"
      })
  void anAddressOutsideTheContractsPatternIsRefused(String email) {
    Reply reply =
        http.postJson(
            "/auth/register",
            new JsonObject().put("email", email).put("password", "long-enough-1"));

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void theDatabaseRefusesSuchAnAddressWhateverWritesIt() {
    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    "INSERT INTO users (email, email_canonical, password_hash)"
                        + " VALUES (E'a\\u00a0b@example.com', E'a\\u00a0b@example.com', 'x')"))
        .hasMessageContaining("users_email_contract");
  }
}
