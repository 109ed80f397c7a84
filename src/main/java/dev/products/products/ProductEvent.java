package dev.products.products;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One product change, as {@code asyncapi.yaml} describes it: {@code {"type", "id", "version",
 * "product", "actor_id", "occurred_at"}}. No secrets: products hold none, and the actor is an id.
 *
 * @param type {@link ProductEvents#CREATED}, {@link ProductEvents#UPDATED} or {@link
 *     ProductEvents#DELETED}; also the address it is published to
 * @param version the version after the write; for a deletion, the last one
 * @param product the product after the write; null for a deletion
 * @param actorId the user who wrote
 * @param occurredAt RFC 3339, UTC
 */
public record ProductEvent(
    String type, long id, int version, @Nullable Product product, long actorId, String occurredAt) {

  static ProductEvent of(
      String type, long id, int version, @Nullable Product product, long actorId) {
    return new ProductEvent(type, id, version, product, actorId, Instant.now().toString());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type)
        .put("id", id)
        .put("version", version)
        .put("product", product == null ? null : product.toJson())
        .put("actor_id", actorId)
        .put("occurred_at", occurredAt);
  }

  public static ProductEvent fromJson(JsonObject json) {
    JsonObject product = json.getJsonObject("product");
    return new ProductEvent(
        json.getString("type"),
        json.getLong("id"),
        json.getInteger("version"),
        product == null ? null : Product.fromJson(product),
        json.getLong("actor_id"),
        json.getString("occurred_at"));
  }
}
