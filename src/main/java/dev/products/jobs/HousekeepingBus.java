package dev.products.jobs;

/** Periodic clean-up of the database, answered by the repository verticle (local consumer). */
public final class HousekeepingBus {

  /**
   * {@code {}} → {@code {"idempotency_keys", "refresh_tokens", "revoked_access_tokens"}}: how many
   * rows were deleted because they expired (keys older than {@code IDEMPOTENCY_TTL}, tokens past
   * their expiry). Nothing deleted here can still change an answer of the API.
   */
  public static final String PURGE_EXPIRED = "housekeeping.purge-expired";

  private HousekeepingBus() {}
}
