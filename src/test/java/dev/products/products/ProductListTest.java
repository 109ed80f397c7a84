package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductListTest extends ApiTestBase {

  private List<Long> createProducts(int count) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(user.postJson("/products", Products.valid("Product " + i)).json().getLong("id"));
    }
    return ids;
  }

  private static List<Long> reversed(List<Long> list) {
    List<Long> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static List<Long> ids(JsonObject page) {
    JsonArray items = page.getJsonArray("items");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(items.getJsonObject(i).getLong("id"));
    }
    return ids;
  }

  @Test
  void defaultsToTwentyNewestFirstWithTotal() {
    List<Long> created = createProducts(25);

    Reply reply = http.get("/products");

    assertThat(reply.status()).isEqualTo(200);
    JsonObject page = reply.json();
    assertThat(page.getInteger("limit")).isEqualTo(20);
    assertThat(page.getLong("offset")).isZero();
    assertThat(page.getLong("total")).isEqualTo(25);
    assertThat(ids(page)).containsExactlyElementsOf(reversed(created).subList(0, 20));
  }

  @Test
  void pagesWithLimitAndOffsetNeitherSkipNorRepeat() {
    List<Long> created = createProducts(7);

    List<Long> seen = new ArrayList<>();
    for (int offset = 0; offset < 7; offset += 3) {
      JsonObject page = http.get("/products?limit=3&offset=" + offset).json();
      assertThat(page.getInteger("limit")).isEqualTo(3);
      assertThat(page.getLong("offset")).isEqualTo(offset);
      assertThat(page.getLong("total")).isEqualTo(7);
      seen.addAll(ids(page));
    }

    assertThat(seen).containsExactlyElementsOf(reversed(created));
  }

  @Test
  void equalCreationTimesAreOrderedByIdDescending() {
    TestDatabase.execute(
        "INSERT INTO products (name, price_cents, created_at, updated_at) "
            + "SELECT 'same time ' || g, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM generate_series(1, 5) g");

    List<Long> ids = ids(http.get("/products?limit=5").json());

    assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a)).hasSize(5);
  }

  @Test
  void offsetPastTheEndAnswersAnEmptyPage() {
    createProducts(2);

    JsonObject page = http.get("/products?offset=50").json();

    assertThat(page.getJsonArray("items")).isEmpty();
    assertThat(page.getLong("total")).isEqualTo(2);
  }

  @Test
  void limitOfOneHundredIsAccepted() {
    assertThat(http.get("/products?limit=100").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0",
        "limit=101",
        "limit=-5",
        "limit=ten",
        "offset=-1",
        "offset=1.5",
        "limit=1e3"
      })
  void outOfRangeOrMalformedPagingAnswers400(String query) {
    Reply reply = http.get("/products?" + query);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/validation");
    JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("in")).isEqualTo("query");
    assertThat(error.getString("field")).isEqualTo(query.substring(0, query.indexOf('=')));
  }
}
