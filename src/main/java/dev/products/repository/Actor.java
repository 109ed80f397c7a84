package dev.products.repository;

import io.vertx.core.json.JsonObject;

/** Who asks for a write, as sent in the {@code actor} field of bus requests. */
record Actor(long id, String role) {

  static Actor from(JsonObject json) {
    return new Actor(json.getLong("id"), json.getString("role"));
  }

  boolean admin() {
    return "admin".equals(role);
  }
}
