package dev.products.platform.database;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL the service uses: the one {@code DATABASE_URL} names, or an embedded server
 * started for it (development only). Closing stops the embedded server, if any.
 */
public final class Database {

  private final DatabaseUrl url;
  private final @Nullable EmbeddedPostgresServer embedded;

  private Database(DatabaseUrl url, @Nullable EmbeddedPostgresServer embedded) {
    this.url = url;
    this.embedded = embedded;
  }

  public static Future<Database> open(Vertx vertx, AppConfig config) {
    if (config.databaseUrl().isPresent()) {
      return Future.succeededFuture(new Database(config.databaseUrl().get(), null));
    }
    return vertx
        .<Database>executeBlocking(
            () -> {
              EmbeddedPostgresServer server =
                  EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"));
              return new Database(server.url(), server);
            })
        // Named as the person configured it: DATA_DIR, not the server's directory inside it.
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof DataDirectoryInUseException
                        ? new DataDirectoryInUseException(config.dataDir())
                        : failure));
  }

  public DatabaseUrl url() {
    return url;
  }

  public boolean embedded() {
    return embedded != null;
  }

  /** Human description for the start-up line. */
  public String describe() {
    EmbeddedPostgresServer server = embedded;
    return server != null
        ? "embedded PostgreSQL at "
            + url.display()
            + " (data in "
            + server.dataDirectory().toAbsolutePath().normalize()
            + ")"
        : "PostgreSQL at " + url.display();
  }

  public Future<Void> migrate(Vertx vertx) {
    return vertx.executeBlocking(
        () -> {
          Migrations.migrate(url);
          return null;
        });
  }

  /** The schema version readiness expects: the newest migration packaged in this build. */
  public Future<String> expectedSchemaVersion(Vertx vertx) {
    return vertx.executeBlocking(() -> Migrations.latestPackagedVersion(url));
  }

  public Future<Void> close(Vertx vertx) {
    if (embedded == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          embedded.close();
          return null;
        });
  }
}
