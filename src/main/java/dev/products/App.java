package dev.products;

import dev.products.auth.AccessTokens;
import dev.products.auth.AdminBootstrap;
import dev.products.config.AppConfig;
import dev.products.database.Database;
import dev.products.http.HttpVerticle;
import dev.products.repository.RepositoryVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot sequence of one instance, as a chain of futures: open the database (starting the
 * embedded one if needed), migrate, deploy the repository, then the HTTP verticles. Stopping
 * runs it backwards.
 */
public final class App {

  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Lifecycle lifecycle;
  private final Database database;
  private final String repositoryDeployment;
  private final String httpDeployment;

  private App(Vertx vertx, AppConfig config, Lifecycle lifecycle, Database database, String repositoryDeployment,
      String httpDeployment) {
    this.vertx = vertx;
    this.config = config;
    this.lifecycle = lifecycle;
    this.database = database;
    this.repositoryDeployment = repositoryDeployment;
    this.httpDeployment = httpDeployment;
  }

  public static Future<App> start(Vertx vertx, AppConfig config) {
    return Database.open(vertx, config).compose(database -> {
      Future<Void> migrated = config.migrateOnStart() ? database.migrate(vertx) : Future.succeededFuture();
      return migrated
          .compose(v -> database.expectedSchemaVersion(vertx))
          .compose(schemaVersion -> deployServices(vertx, config, database, schemaVersion))
          .recover(failure -> database.close(vertx).transform(closed -> Future.failedFuture(failure)));
    });
  }

  private static Future<App> deployServices(Vertx vertx, AppConfig config, Database database, String schemaVersion) {
    int instances = config.effectiveHttpInstances();
    Lifecycle lifecycle = new Lifecycle();
    if (config.jwt().generatedSecret()) {
      LOG.warn("JWT_SECRET is not set: signing tokens with a random per-start secret (dev only; "
          + "tokens end with the process and are not shared between instances)");
    }
    return vertx.deployVerticle(() -> new RepositoryVerticle(config, database.url(), schemaVersion),
            new DeploymentOptions().setInstances(instances))
        .compose(repository -> AccessTokens.resolveOptions(vertx, config.jwt())
            .compose(jwtKeys -> vertx.deployVerticle(() -> new HttpVerticle(config, lifecycle, jwtKeys),
                new DeploymentOptions().setInstances(instances)))
            .compose(http -> AdminBootstrap.run(vertx, config).map(http))
            .map(http -> {
              LOG.info("Products API listening on http://{}:{} with {} HTTP instance(s); database: {}; docs at /docs",
                  config.httpHost(), config.httpPort(), instances, database.describe());
              return new App(vertx, config, lifecycle, database, repository, http);
            }));
  }

  private Future<Void> delay(long millis) {
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, id -> elapsed.complete());
    return elapsed.future();
  }

  public AppConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  /**
   * Readiness turns DOWN, the HTTP servers stop accepting and drain the requests in flight (bounded
   * by SHUTDOWN_TIMEOUT), then the repository closes its pool, then the embedded database stops.
   */
  public Future<Void> stop() {
    lifecycle.markStopping();
    return delay(config.shutdownDelay().toMillis())
        .compose(v -> vertx.undeploy(httpDeployment))
        .compose(v -> vertx.undeploy(repositoryDeployment))
        .eventually(() -> database.close(vertx));
  }
}
