package dev.products.products;

import io.vertx.core.json.JsonObject;

/** Who asks for a write, as sent in the {@code actor} field of bus requests. */
public record Actor(long id, String role) {

  public static Actor from(JsonObject json) {
    return new Actor(json.getLong("id"), json.getString("role"));
  }

  boolean admin() {
    return "admin".equals(role);
  }
}
