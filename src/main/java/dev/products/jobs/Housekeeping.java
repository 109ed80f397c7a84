package dev.products.jobs;

import dev.products.platform.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The {@code housekeeping} task: deletes expired idempotency keys and token records (see {@link
 * HousekeepingBus#PURGE_EXPIRED}). Recurring, once per {@code HOUSEKEEPING_INTERVAL} across all
 * instances.
 */
public final class Housekeeping implements JobHandler {

  public static final String KIND = "housekeeping";

  private final Bus bus;

  public Housekeeping(Bus bus) {
    this.bus = bus;
  }

  @Override
  public Future<JsonObject> run(Job job) {
    return bus.request(HousekeepingBus.PURGE_EXPIRED, new HousekeepingBus.PurgeExpired())
        .map(HousekeepingBus.Purged::toJson);
  }
}
