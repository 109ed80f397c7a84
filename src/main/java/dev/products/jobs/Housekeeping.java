package dev.products.jobs;

import dev.products.platform.bus.LocalJsonCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * The {@code housekeeping} task: deletes expired idempotency keys and token records (see {@link
 * HousekeepingBus#PURGE_EXPIRED}). Recurring, once per {@code HOUSEKEEPING_INTERVAL} across all
 * instances.
 */
public final class Housekeeping implements JobHandler {

  public static final String KIND = "housekeeping";

  private final Vertx vertx;

  public Housekeeping(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<JsonObject> run(Job job) {
    return vertx
        .eventBus()
        .<JsonObject>request(
            HousekeepingBus.PURGE_EXPIRED, new JsonObject(), LocalJsonCodec.options())
        .map(Message::body);
  }
}
