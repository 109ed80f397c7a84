package dev.products.users;

import dev.products.platform.store.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * An account as the API shows it: never its password hash.
 *
 * @param createdAt RFC 3339, UTC
 * @param updatedAt RFC 3339, UTC
 */
public record User(
    long id, String email, String role, boolean disabled, String createdAt, String updatedAt) {

  static User fromRow(Row row) {
    return new User(
        row.getLong("id"),
        row.getString("email"),
        row.getString("role"),
        row.getBoolean("disabled"),
        Timestamps.rfc3339(row.getOffsetDateTime("created_at")),
        Timestamps.rfc3339(row.getOffsetDateTime("updated_at")));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("role", role)
        .put("disabled", disabled)
        .put("created_at", createdAt)
        .put("updated_at", updatedAt);
  }
}
