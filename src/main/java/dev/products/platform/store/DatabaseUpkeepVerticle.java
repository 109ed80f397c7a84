package dev.products.platform.store;

import dev.products.http.health.HealthBus;
import dev.products.jobs.ExpiredRecords;
import dev.products.jobs.HousekeepingBus;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.database.SchemaHealth;
import dev.products.platform.logging.DependencyOutage;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The database's own upkeep on the bus: readiness's schema check ({@link HealthBus#DATABASE}) and
 * the purge of expired idempotency keys and revocations ({@link HousekeepingBus#PURGE_EXPIRED}).
 */
public final class DatabaseUpkeepVerticle extends StoreVerticle {

  private final String expectedSchemaVersion;

  public DatabaseUpkeepVerticle(
      AppConfig config,
      DatabaseUrl databaseUrl,
      String expectedSchemaVersion,
      DependencyOutage outage) {
    super(config, databaseUrl, outage);
    this.expectedSchemaVersion = expectedSchemaVersion;
  }

  @Override
  protected List<MessageConsumer<?>> consumers(Pool pool) {
    SchemaHealth schema = new SchemaHealth(pool, expectedSchemaVersion);
    ExpiredRecords expired =
        new ExpiredRecords(pool, config.idempotencyTtl(), config.events().retention());
    return List.of(
        answer(HousekeepingBus.PURGE_EXPIRED, body -> expired.purge()),
        answer(HealthBus.DATABASE, body -> schema.check()));
  }
}
