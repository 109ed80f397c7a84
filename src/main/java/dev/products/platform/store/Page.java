package dev.products.platform.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and how many items there are in all: the reply of every list operation, and
 * the contract's page shape {@code {"items", "total", "limit", "offset"}}.
 */
public record Page<T>(List<T> items, long total, int limit, long offset) {

  public Page {
    items = List.copyOf(items);
  }

  /** The page as the API shows it, each item written by {@code item}. */
  public JsonObject toJson(Function<T, JsonObject> item) {
    JsonArray json = new JsonArray();
    items.forEach(each -> json.add(item.apply(each)));
    return new JsonObject()
        .put("items", json)
        .put("total", total)
        .put("limit", limit)
        .put("offset", offset);
  }
}
