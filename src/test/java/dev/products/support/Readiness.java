package dev.products.support;

import dev.products.support.HttpClientSupport.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reading a {@code /health} answer. */
public final class Readiness {

  private Readiness() {}

  /** The named check of a readiness answer. */
  public static JsonObject check(Reply reply, String id) {
    JsonArray checks = reply.json().getJsonArray("checks");
    for (int i = 0; i < checks.size(); i++) {
      if (checks.getJsonObject(i).getString("id").equals(id)) {
        return checks.getJsonObject(i);
      }
    }
    throw new AssertionError("no check " + id + " in " + reply.text());
  }
}
