package dev.products.products;

import dev.products.platform.store.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.jspecify.annotations.Nullable;

/**
 * One product change, as {@code asyncapi.yaml} describes it: {@code {"event_id", "type", "id",
 * "version", "product", "actor_id", "occurred_at"}}. No secrets: products hold none, and the actor
 * is an id.
 *
 * @param eventId the outbox's number for it (V13): increasing in commit order, the same on every
 *     node and on every delivery, so a consumer drops repeats by it and resumes after it
 * @param type {@link ProductEvents#CREATED}, {@link ProductEvents#UPDATED} or {@link
 *     ProductEvents#DELETED}; also the address it is published to
 * @param version the version after the write; for a deletion, the last one
 * @param product the product after the write; null for a deletion
 * @param actorId the user who wrote
 * @param occurredAt RFC 3339, UTC: when the write's transaction began
 */
public record ProductEvent(
    long eventId,
    String type,
    long id,
    int version,
    @Nullable Product product,
    long actorId,
    String occurredAt) {

  /** The columns of {@code product_events} {@link #fromRow} reads. */
  static final String COLUMNS =
      "event_id, type, product_id, version, actor_id, product, occurred_at";

  static ProductEvent fromRow(Row row) {
    Object product = row.getJson("product");
    return new ProductEvent(
        row.getLong("event_id"),
        row.getString("type"),
        row.getLong("product_id"),
        row.getInteger("version"),
        product instanceof JsonObject recorded ? Product.fromRecordedRow(recorded) : null,
        row.getLong("actor_id"),
        Timestamps.rfc3339(row.getOffsetDateTime("occurred_at")));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("event_id", eventId)
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
        json.getLong("event_id"),
        json.getString("type"),
        json.getLong("id"),
        json.getInteger("version"),
        product == null ? null : Product.fromJson(product),
        json.getLong("actor_id"),
        json.getString("occurred_at"));
  }
}
