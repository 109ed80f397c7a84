package dev.products.jobs;

import dev.products.platform.bus.Address;
import io.vertx.core.json.JsonObject;

/** Periodic clean-up of the database, answered by the database upkeep verticle (local consumer). */
public final class HousekeepingBus {

  /**
   * Deletes what has expired: keys older than {@code IDEMPOTENCY_TTL}, tokens past their expiry.
   * Nothing deleted here can still change an answer of the API.
   */
  public static final Address<PurgeExpired, Purged> PURGE_EXPIRED =
      Address.of("housekeeping.purge-expired");

  private HousekeepingBus() {}

  /** The request: it has no parameters. */
  public record PurgeExpired() {}

  /** How many rows of each kind were deleted. */
  public record Purged(
      long idempotencyKeys,
      long refreshTokens,
      long revokedAccessTokens,
      long resetTokens,
      long productEvents) {

    /** As the housekeeping job's stored result. */
    public JsonObject toJson() {
      return new JsonObject()
          .put("idempotency_keys", idempotencyKeys)
          .put("refresh_tokens", refreshTokens)
          .put("revoked_access_tokens", revokedAccessTokens)
          .put("password_reset_tokens", resetTokens)
          .put("product_events", productEvents);
    }
  }
}
