package dev.products.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.DatabaseUrl;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement the repositories run, planned as the service runs it (a prepared statement's
 * generic plan) on tables of 10,000+ rows: none filters or sorts a large table without an index.
 * The statements are read from the repository classes themselves, so a new query is checked as soon
 * as it is written.
 */
class QueryPlanTest {

  private static final List<Class<?>> REPOSITORIES =
      List.of(
          dev.products.products.ProductRepository.class,
          classNamed("dev.products.products.ProductEventRelay"),
          classNamed("dev.products.products.ProductEventLog"),
          classNamed("dev.products.users.UserRepository"),
          classNamed("dev.products.users.PasswordStore"),
          classNamed("dev.products.auth.TokenRepository"),
          classNamed("dev.products.jobs.ExpiredRecords"),
          classNamed("dev.products.jobs.JobStore"),
          classNamed("dev.products.categories.CategoryRepository"));
  private static final Set<String> LARGE_TABLES =
      Set.of(
          "products",
          "users",
          "refresh_tokens",
          "revoked_access_tokens",
          "password_reset_tokens",
          "idempotency_keys",
          "jobs",
          "categories",
          "product_events");

  private static String database;
  private static DatabaseUrl url;

  private static Class<?> classNamed(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void seededDatabase() {
    database = "products_plans_" + Long.toHexString(System.nanoTime());
    TestDatabase.execute("CREATE DATABASE " + database);
    url = TestDatabase.withDatabase(database);
    Migrations.migrate(url);
    TestDatabase.execute(
        url,
        "INSERT INTO users (email, email_canonical, password_hash, role) SELECT 'u' || g || '@plans.test', 'u' || g || '@plans.test', 'x', 'user' FROM generate_series(1, 10000) g",
        "INSERT INTO categories (name, slug) SELECT 'c' || g, 'c' || g FROM generate_series(1, 10000) g",
        "INSERT INTO products (name, price_cents, owner_id, category_id) SELECT 'p' || g, g, (g % 10000) + 1, (g % 10000) + 1 FROM generate_series(1, 20000) g",
        // A tenth of the sessions ended (logout, reuse, password change).
        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at, revoked_at)"
            + " SELECT decode(md5(g::text), 'hex'), gen_random_uuid(), (g % 10000) + 1, now() + interval '1 day',"
            + " CASE WHEN g % 10 = 0 THEN now() END"
            + " FROM generate_series(1, 10000) g",
        "INSERT INTO password_reset_tokens (token_hash, user_id, expires_at, used_at)"
            + " SELECT decode(md5('reset' || g), 'hex'), (g % 10000) + 1, now() + interval '30 minutes',"
            + " CASE WHEN g % 10 <> 0 THEN now() END"
            + " FROM generate_series(1, 10000) g",
        "INSERT INTO revoked_access_tokens (jti, expires_at) SELECT gen_random_uuid(), now() + g * interval '1 second'"
            + " FROM generate_series(1, 10000) g",
        "INSERT INTO idempotency_keys (user_id, key, request_hash) SELECT (g % 10000) + 1, 'k' || g, 'h' FROM generate_series(1, 10000) g",
        // Mostly finished work, as in a long-lived table, and a little waiting.
        "INSERT INTO jobs (kind, state, max_attempts, created_by, run_at) SELECT 'product-export',"
            + " CASE WHEN g % 100 = 0 THEN 'queued' ELSE 'succeeded' END, 5, (g % 10000) + 1, now() - interval '1 hour'"
            + " FROM generate_series(1, 20000) g",
        // The outbox: numbered and published, but for a few the relay has still to number.
        "INSERT INTO product_events (event_id, type, product_id, version, actor_id, product, occurred_at)"
            + " SELECT CASE WHEN g % 1000 <> 0 THEN g END, 'product.updated', g, 2, 1, NULL,"
            + " now() - (20000 - g) * interval '1 second' FROM generate_series(1, 20000) g",
        "SELECT setval('product_event_ids', 20000)",
        "UPDATE product_event_relay SET published_through = 19990",
        "VACUUM ANALYZE");
  }

  @AfterAll
  static void drop() {
    TestDatabase.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  static List<String> statements() throws IllegalAccessException {
    List<String> statements = new ArrayList<>();
    for (Class<?> repository : REPOSITORIES) {
      for (Field field : repository.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          field.setAccessible(true);
          String sql = ((String) field.get(null)).strip();
          if (sql.matches("(?is)^(SELECT|INSERT|UPDATE|DELETE|WITH)\\b.*")) {
            statements.add(sql);
          }
        }
      }
    }
    return statements;
  }

  @ParameterizedTest
  @MethodSource("statements")
  void noStatementFiltersOrSortsALargeTableWithoutAnIndex(String sql) throws SQLException {
    JsonObject plan = genericPlan(sql);

    List<String> scans = new ArrayList<>();
    collectUnindexed(plan, false, scans);
    assertThat(scans).as("plan of %s:%n%s", sql, plan.encodePrettily()).isEmpty();
  }

  /** Seq scans of a large table that filter it, or feed a sort. */
  private static void collectUnindexed(JsonObject node, boolean underSort, List<String> found) {
    String type = node.getString("Node Type");
    boolean sort = underSort || "Sort".equals(type) || "Incremental Sort".equals(type);
    if ("Seq Scan".equals(type)
        && LARGE_TABLES.contains(node.getString("Relation Name"))
        && (node.containsKey("Filter") || sort)) {
      found.add(
          node.getString("Relation Name")
              + (sort ? " (sorted)" : " filtered by " + node.getString("Filter")));
    }
    JsonArray children = node.getJsonArray("Plans", new JsonArray());
    for (int i = 0; i < children.size(); i++) {
      collectUnindexed(children.getJsonObject(i), sort, found);
    }
  }

  private static JsonObject genericPlan(String sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement statement = connection.createStatement()) {
      statement.execute("SET plan_cache_mode = force_generic_plan");
      statement.execute("PREPARE q AS " + sql);
      List<String> arguments = new ArrayList<>();
      try (ResultSet types =
          statement.executeQuery(
              "SELECT unnest(parameter_types)::text FROM pg_prepared_statements WHERE name = 'q'")) {
        while (types.next()) {
          arguments.add(sampleOf(types.getString(1)));
        }
      }
      try (ResultSet explained =
          statement.executeQuery(
              "EXPLAIN (FORMAT JSON) EXECUTE q"
                  + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")"))) {
        explained.next();
        return new JsonArray(explained.getString(1)).getJsonObject(0).getJsonObject("Plan");
      }
    }
  }

  private static final Map<String, String> SAMPLES =
      new LinkedHashMap<>(
          Map.of(
              "bigint",
              "1",
              "integer",
              "1",
              "smallint",
              "1",
              "text",
              "'x'",
              "boolean",
              "false",
              "integer[]",
              "'{1}'",
              "jsonb",
              "'{}'",
              "timestamp with time zone",
              "now()",
              "uuid",
              "gen_random_uuid()",
              "bytea",
              "'\\x00'"));

  private static String sampleOf(String type) {
    String sample = SAMPLES.get(type);
    if (sample == null) {
      throw new IllegalStateException("no sample value for a parameter of type " + type);
    }
    return sample + "::" + type;
  }
}
