package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** The list's total is kept by triggers instead of counted: it must always equal count(*). */
class ProductTotalTest extends ApiTestBase {

  private static long listedTotal() {
    return http.get("/products?limit=1").json().getLong("total");
  }

  private static long counted() {
    return TestDatabase.count("SELECT count(*) FROM products");
  }

  @Test
  void theTotalFollowsCreatesAndDeletesOverTheApi() {
    long first = user.postJson("/products", Products.valid("One")).json().getLong("id");
    user.postJson("/products", Products.valid("Two"));
    assertThat(listedTotal()).isEqualTo(2).isEqualTo(counted());

    user.delete("/products/" + first);

    assertThat(listedTotal()).isEqualTo(1).isEqualTo(counted());
  }

  @Test
  void theTotalFollowsBulkWritesAndTruncateInSql() {
    TestDatabase.execute(
        "INSERT INTO products (name, price_cents) SELECT 'Bulk ' || g, g FROM generate_series(1, 250) g");
    assertThat(listedTotal()).isEqualTo(250).isEqualTo(counted());

    TestDatabase.execute("DELETE FROM products WHERE price_cents <= 100");
    assertThat(listedTotal()).isEqualTo(150).isEqualTo(counted());

    TestDatabase.execute("TRUNCATE products");
    assertThat(listedTotal()).isZero();
  }

  @Test
  void aFailedInsertLeavesTheTotalAlone() {
    user.postJson("/products", Products.valid("Kept"));
    try {
      TestDatabase.execute(
          "INSERT INTO products (name, price_cents) VALUES ('fine', 1), ('bad', -1)");
    } catch (IllegalStateException rejectedByTheCheck) {
      // the whole statement is rolled back, the trigger's update with it
    }

    assertThat(listedTotal()).isEqualTo(1).isEqualTo(counted());
  }
}
