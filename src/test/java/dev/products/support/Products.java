package dev.products.support;

import io.vertx.core.json.JsonObject;

/** Product payloads for tests. */
public final class Products {

  private Products() {}

  public static JsonObject valid(String name) {
    return new JsonObject().put("name", name).put("price_cents", 1250).put("stock", 3);
  }

  /** Empties the table between tests so each starts from a known state. */
  public static void deleteAll() {
    TestDatabase.execute("DELETE FROM products");
  }
}
