package dev.products.jobs;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.jspecify.annotations.Nullable;

/**
 * A job as stored, for its status page: what the job store answers to {@link JobsBus#GET}.
 *
 * @param state queued, running, succeeded, failed or dead
 * @param lastError internal detail, shown to admins only
 * @param createdBy null for jobs the service makes itself
 * @param runAt when it is due, RFC 3339
 */
public record StoredJob(
    long id,
    String kind,
    JsonObject payload,
    String state,
    int attempts,
    int maxAttempts,
    String runAt,
    @Nullable String lastError,
    @Nullable JsonObject progress,
    @Nullable JsonObject result,
    @Nullable Long createdBy,
    String createdAt,
    String updatedAt) {

  static StoredJob fromRow(Row row) {
    return new StoredJob(
        row.getLong("id"),
        row.getString("kind"),
        (JsonObject) row.getJson("payload"),
        row.getString("state"),
        row.getInteger("attempts"),
        row.getInteger("max_attempts"),
        row.getOffsetDateTime("run_at").toInstant().toString(),
        row.getString("last_error"),
        (JsonObject) row.getJson("progress"),
        (JsonObject) row.getJson("result"),
        row.getLong("created_by"),
        row.getOffsetDateTime("created_at").toInstant().toString(),
        row.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
