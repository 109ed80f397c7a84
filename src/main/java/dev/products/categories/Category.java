package dev.products.categories;

import dev.products.platform.store.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.jspecify.annotations.Nullable;

/**
 * A category as the API shows it.
 *
 * @param createdAt RFC 3339, UTC
 * @param updatedAt RFC 3339, UTC
 */
public record Category(
    long id,
    String name,
    String slug,
    @Nullable String description,
    int version,
    String createdAt,
    String updatedAt) {

  /** The columns {@link #fromRow} reads. */
  static final String COLUMNS = "id, name, slug, description, version, created_at, updated_at";

  static Category fromRow(Row row) {
    return new Category(
        row.getLong("id"),
        row.getString("name"),
        row.getString("slug"),
        row.getString("description"),
        row.getInteger("version"),
        Timestamps.rfc3339(row.getOffsetDateTime("created_at")),
        Timestamps.rfc3339(row.getOffsetDateTime("updated_at")));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("slug", slug)
        .put("description", description)
        .put("version", version)
        .put("created_at", createdAt)
        .put("updated_at", updatedAt);
  }
}
