package dev.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the contract refuses is a 400 problem naming the field, and nothing is written. */
class CategoryValidationTest extends CategoryTestBase {

  private static void assertRefused(Reply reply, String field) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo(field);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Cups",
        "cups-",
        "-cups",
        "cups--mugs",
        "cups mugs",
        "cups_mugs",
        "café",
        "",
        "cups\n"
      })
  void aSlugThatIsNotLowercaseWordsJoinedByHyphensIsRefused(String slug) {
    assertRefused(admin.postJson("/categories", category("Cups", slug)), "slug");
    assertThat(TestDatabase.count("SELECT count(*) FROM categories")).isZero();
  }

  @Test
  void aSlugOfAHundredCharactersIsTheLongest() {
    assertThat(admin.postJson("/categories", category("Long", "s".repeat(100))).status())
        .isEqualTo(201);
    assertRefused(admin.postJson("/categories", category("Longer", "s".repeat(101))), "slug");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\u00a0\u3000", "a\u0007b", "Cups\n"})
  void anEmptyBlankOrControlCharacterNameIsRefused(String name) {
    assertRefused(admin.postJson("/categories", category(name, "cups")), "name");
  }

  @Test
  void aNameOfAHundredCharactersIsTheLongest() {
    assertThat(admin.postJson("/categories", category("n".repeat(100), "long")).status())
        .isEqualTo(201);
    assertRefused(admin.postJson("/categories", category("n".repeat(101), "longer")), "name");
  }

  @Test
  void nameAndSlugAreRequired() {
    assertRefused(admin.postJson("/categories", new JsonObject().put("slug", "cups")), "name");
    assertRefused(admin.postJson("/categories", new JsonObject().put("name", "Cups")), "slug");
  }

  @Test
  void unknownFieldsAreRefused() {
    Reply create = admin.postJson("/categories", category("Cups", "cups").put("colour", "blue"));
    assertThat(create.status()).isEqualTo(400);

    long id = created("Cups", "cups").getLong("id");
    Reply patch = admin.patchJson("/categories/" + id, new JsonObject().put("id", 7));
    assertThat(patch.status()).isEqualTo(400);
  }

  @Test
  void wrongTypesAreRefused() {
    assertRefused(
        admin.postJson("/categories", new JsonObject().put("name", 5).put("slug", "cups")), "name");
    assertRefused(
        admin.postJson("/categories", new JsonObject().put("name", "Cups").put("slug", true)),
        "slug");
    assertRefused(
        admin.postJson("/categories", category("Cups", "cups").put("description", 3)),
        "description");
  }

  @Test
  void aPatchMustChangeSomethingAndCannotNullTheNameOrSlug() {
    long id = created("Cups", "cups").getLong("id");

    assertThat(admin.patchJson("/categories/" + id, new JsonObject()).status()).isEqualTo(400);
    assertRefused(admin.patchJson("/categories/" + id, new JsonObject().put("name", null)), "name");
    assertRefused(
        admin.patchJson("/categories/" + id, new JsonObject().put("slug", "Not A Slug")), "slug");
    assertThat(http.get("/categories/" + id).json().getInteger("version")).isEqualTo(1);
  }

  @Test
  void aBodyThatIsNotJsonIs400() {
    Reply reply =
        admin.send(
            HttpMethod.POST,
            "/categories",
            "application/json",
            Buffer.buffer("{\"name\": "),
            MultiMap.caseInsensitiveMultiMap());

    assertThat(reply.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "99999999999999999999"})
  void aBadIdIs400(String id) {
    assertThat(http.get("/categories/" + id).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=101", "offset=-1", "limit=x"})
  void badPagingIs400(String query) {
    assertThat(http.get("/categories?" + query).status()).isEqualTo(400);
  }
}
