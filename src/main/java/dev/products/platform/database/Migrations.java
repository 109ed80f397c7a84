package dev.products.platform.database;

import dev.products.platform.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway over JDBC, with the scripts of {@code db/migration} packaged in the jar. Blocking: worker
 * threads only.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  private static Flyway flyway(DatabaseUrl url) {
    // Our class loader, not the calling thread's: threads started by Hazelcast (clustered mode)
    // carry
    // one that cannot see the JDBC driver or the migrations.
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations(LOCATION)
        .connectRetries(3)
        .failOnMissingLocations(true)
        .load();
  }

  /** Applies every pending migration; a no-op when the schema is current. */
  public static MigrateResult migrate(DatabaseUrl url) {
    MigrateResult result = flyway(url).migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info(
          "Applied {} migration(s) to {}, schema now at version {}",
          result.migrationsExecuted,
          url.display(),
          result.targetSchemaVersion);
    } else {
      LOG.info("Schema of {} is current", url.display());
    }
    return result;
  }

  /**
   * The version of the newest migration packaged in this build: what readiness expects the schema
   * to have applied. Migrations applied by a newer build (unknown here) are ignored.
   */
  public static @Nullable String latestPackagedVersion(DatabaseUrl url) {
    return latestPackagedVersion(flyway(url));
  }

  private static @Nullable String latestPackagedVersion(Flyway flyway) {
    @Nullable String latest = null;
    for (MigrationInfo info : flyway.info().all()) {
      if (info.getState().isResolved() && info.getVersion() != null) {
        latest = info.getVersion().getVersion();
      }
    }
    return latest;
  }
}
