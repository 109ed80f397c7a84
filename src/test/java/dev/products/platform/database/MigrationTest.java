package dev.products.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.platform.config.DatabaseUrl;
import dev.products.support.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrations on a brand-new database on the test server. */
class MigrationTest {

  private final String database = "products_migration_" + Long.toHexString(System.nanoTime());
  private DatabaseUrl fresh;

  @BeforeEach
  void createFreshDatabase() {
    TestDatabase.execute("CREATE DATABASE " + database);
    fresh = TestDatabase.withDatabase(database);
  }

  @AfterEach
  void dropIt() {
    TestDatabase.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  @Test
  void migratesAFreshDatabaseCleanly() {
    MigrateResult result = Migrations.migrate(fresh);

    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
    assertThat(result.targetSchemaVersion).isEqualTo(Migrations.latestPackagedVersion(fresh));
    TestDatabase.execute(fresh, "INSERT INTO products (name, price_cents) VALUES ('ok', 1)");
  }

  @Test
  void secondRunIsANoOp() {
    Migrations.migrate(fresh);

    MigrateResult again = Migrations.migrate(fresh);

    assertThat(again.migrationsExecuted).isZero();
  }

  @Test
  void schemaRefusesWhatTheContractRefuses() {
    Migrations.migrate(fresh);

    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    fresh, "INSERT INTO products (name, price_cents) VALUES ('', 1)"))
        .hasMessageContaining("check");
    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    fresh, "INSERT INTO products (name, price_cents) VALUES ('a', -1)"))
        .hasMessageContaining("check");
    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    fresh, "INSERT INTO products (name, price_cents, stock) VALUES ('a', 1, -1)"))
        .hasMessageContaining("check");
    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    fresh, "INSERT INTO products (name, price_cents) VALUES (repeat('n', 201), 1)"))
        .hasMessageContaining("check");
  }

  @Test
  void listOrderIsServedByAnIndex() {
    Migrations.migrate(fresh);

    TestDatabase.execute(
        fresh,
        "INSERT INTO products (name, price_cents) SELECT 'p' || g, g FROM generate_series(1, 10000) g",
        "ANALYZE products");

    assertThat(
            TestDatabase.explain(
                fresh,
                "SELECT * FROM products ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 100"))
        .contains("products_created_at_id_idx");
  }
}
