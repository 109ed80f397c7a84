package dev.products.support;

import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real PostgreSQL the suite runs against: the server {@code TEST_DATABASE_URL} names, or one
 * embedded server started once for the whole run.
 */
public final class TestDatabase {

  private static DatabaseUrl url;

  private TestDatabase() {}

  public static synchronized DatabaseUrl url() {
    if (url == null) {
      String external = System.getenv("TEST_DATABASE_URL");
      if (external != null && !external.isBlank()) {
        url = DatabaseUrl.parse("TEST_DATABASE_URL", external);
      } else {
        url = startEmbedded();
      }
    }
    return url;
  }

  public static boolean external() {
    String external = System.getenv("TEST_DATABASE_URL");
    return external != null && !external.isBlank();
  }

  private static DatabaseUrl startEmbedded() {
    try {
      Path dir = Files.createTempDirectory("products-test-pg");
      EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("postgres"));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    deleteRecursively(dir);
                  }));
      return server.url();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp directory
    }
  }

  /** Runs SQL over plain JDBC: test set-up only, never on an event loop. */
  public static void execute(String... statements) {
    execute(url(), statements);
  }

  public static void execute(DatabaseUrl target, String... statements) {
    try (Connection connection =
            DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** The first column of the first row as text, or null when there is no row. */
  public static String string(String sql) {
    DatabaseUrl target = url();
    try (Connection connection =
            DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public static long count(String sql) {
    DatabaseUrl target = url();
    try (Connection connection =
            DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** The query plan, as text. */
  public static String explain(DatabaseUrl target, String sql) {
    StringBuilder plan = new StringBuilder();
    try (Connection connection =
            DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("EXPLAIN " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
      return plan.toString();
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** The same server, another database on it. */
  public static DatabaseUrl withDatabase(String database) {
    DatabaseUrl base = url();
    return new DatabaseUrl(
        base.host(), base.port(), database, base.user(), base.password(), base.sslMode());
  }
}
