package dev.products.products;

import dev.products.platform.store.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A product as the API shows it. {@link #toJson()} and {@link #fromJson} are its one JSON shape:
 * the HTTP body, the cache entry, the idempotent answer kept with a key and the event's {@code
 * product} all use it.
 *
 * @param categoryId null when it is in no category
 * @param ownerId null once the owner's account is gone
 * @param createdAt RFC 3339, UTC
 * @param updatedAt RFC 3339, UTC
 */
public record Product(
    long id,
    String name,
    @Nullable String description,
    long priceCents,
    int stock,
    @Nullable Long categoryId,
    @Nullable Long ownerId,
    int version,
    String createdAt,
    String updatedAt) {

  /** The columns {@link #fromRow} reads, in the order of the JSON. */
  static final String COLUMNS =
      "id, name, description, price_cents, stock, category_id, owner_id, version, created_at,"
          + " updated_at";

  static Product fromRow(Row row) {
    return new Product(
        row.getLong("id"),
        row.getString("name"),
        row.getString("description"),
        row.getLong("price_cents"),
        row.getInteger("stock"),
        row.getLong("category_id"),
        row.getLong("owner_id"),
        row.getInteger("version"),
        Timestamps.rfc3339(row.getOffsetDateTime("created_at")),
        Timestamps.rfc3339(row.getOffsetDateTime("updated_at")));
  }

  /**
   * From the row as the outbox keeps it ({@code to_jsonb} of the written row, V13): the same
   * fields, with PostgreSQL's own ISO 8601 times, written again the API's way.
   */
  static Product fromRecordedRow(JsonObject row) {
    return fromJson(
        row.copy()
            .put(
                "created_at", Timestamps.rfc3339(OffsetDateTime.parse(row.getString("created_at"))))
            .put(
                "updated_at",
                Timestamps.rfc3339(OffsetDateTime.parse(row.getString("updated_at")))));
  }

  public static Product fromJson(JsonObject json) {
    return new Product(
        json.getLong("id"),
        json.getString("name"),
        json.getString("description"),
        json.getLong("price_cents"),
        json.getInteger("stock"),
        json.getLong("category_id"),
        json.getLong("owner_id"),
        json.getInteger("version"),
        json.getString("created_at"),
        json.getString("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("description", description)
        .put("price_cents", priceCents)
        .put("stock", stock)
        .put("category_id", categoryId)
        .put("owner_id", ownerId)
        .put("version", version)
        .put("created_at", createdAt)
        .put("updated_at", updatedAt);
  }
}
