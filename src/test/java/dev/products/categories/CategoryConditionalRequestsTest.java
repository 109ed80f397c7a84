package dev.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A category's ETag is its version: 304 for an unchanged read, 412 for a stale write. */
class CategoryConditionalRequestsTest extends CategoryTestBase {

  private static MultiMap header(String name, String value) {
    return MultiMap.caseInsensitiveMultiMap().add(name, value);
  }

  private static Reply patch(long id, JsonObject changes, String ifMatch) {
    return admin.send(
        HttpMethod.PATCH,
        "/categories/" + id,
        "application/json",
        changes.toBuffer(),
        header("If-Match", ifMatch));
  }

  @Test
  void ifNoneMatchWithTheCurrentTagIs304WithoutABody() {
    long id = created("Cups", "cups").getLong("id");

    for (String tag : List.of("\"1\"", "W/\"1\"", "\"7\", \"1\"", "*")) {
      Reply reply =
          http.send(HttpMethod.GET, "/categories/" + id, null, null, header("If-None-Match", tag));
      assertThat(reply.status()).as(tag).isEqualTo(304);
      assertThat(reply.body() == null || reply.body().length() == 0).as(tag).isTrue();
      assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    }
  }

  @Test
  void ifNoneMatchWithAnOlderTagGetsTheCategory() {
    long id = created("Cups", "cups").getLong("id");
    admin.patchJson("/categories/" + id, new JsonObject().put("name", "Mugs"));

    Reply reply =
        http.send(
            HttpMethod.GET, "/categories/" + id, null, null, header("If-None-Match", "\"1\""));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("name")).isEqualTo("Mugs");
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void aMalformedIfNoneMatchIs400() {
    long id = created("Cups", "cups").getLong("id");

    Reply reply =
        http.send(HttpMethod.GET, "/categories/" + id, null, null, header("If-None-Match", "1"));

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void aPatchOnTheCurrentTagApplies() {
    long id = created("Cups", "cups").getLong("id");

    Reply reply = patch(id, new JsonObject().put("name", "Mugs"), "\"1\"");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void aPatchOnAStaleTagIs412AndWritesNothing() {
    long id = created("Cups", "cups").getLong("id");
    admin.patchJson("/categories/" + id, new JsonObject().put("name", "Mugs"));

    Reply stale = patch(id, new JsonObject().put("name", "Beakers"), "\"1\"");

    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().getString("detail"))
        .isEqualTo(
            "category " + id + " has changed: it is at version 2 (ETag \"2\"); read it again");
    assertThat(http.get("/categories/" + id).json().getString("name")).isEqualTo("Mugs");
  }

  @Test
  void aWeakTagNeverAuthorizesAWrite() {
    long id = created("Cups", "cups").getLong("id");

    assertThat(patch(id, new JsonObject().put("name", "Mugs"), "W/\"1\"").status()).isEqualTo(412);
  }

  @Test
  void aDeleteOnAStaleTagIs412AndTheCategoryStays() {
    long id = created("Cups", "cups").getLong("id");
    admin.patchJson("/categories/" + id, new JsonObject().put("name", "Mugs"));

    Reply stale =
        admin.send(HttpMethod.DELETE, "/categories/" + id, null, null, header("If-Match", "\"1\""));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(http.get("/categories/" + id).status()).isEqualTo(200);

    Reply current =
        admin.send(HttpMethod.DELETE, "/categories/" + id, null, null, header("If-Match", "\"2\""));
    assertThat(current.status()).isEqualTo(204);
  }
}
