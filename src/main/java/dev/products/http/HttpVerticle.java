package dev.products.http;

import dev.products.Lifecycle;
import dev.products.auth.AccessTokens;
import dev.products.auth.PasswordHasher;
import dev.products.config.AppConfig;
import dev.products.Observability;
import dev.products.http.ratelimit.LoginRateLimit;
import dev.products.http.ratelimit.RateLimits;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.TimeUnit;

/**
 * Owns the HTTP server and the router built from the contract. Deployed once per core; the
 * instances share the port. Holds no SQL: all data work goes over the event bus.
 */
public final class HttpVerticle extends VerticleBase {

  private final AppConfig config;
  private final Lifecycle lifecycle;
  private final JWTAuthOptions jwtKeys;
  private final Observability observability;
  private HttpServer server;
  private HttpServer managementServer;
  private PasswordHasher passwords;

  public HttpVerticle(AppConfig config, Lifecycle lifecycle, JWTAuthOptions jwtKeys, Observability observability) {
    this.config = config;
    this.lifecycle = lifecycle;
    this.jwtKeys = jwtKeys;
    this.observability = observability;
  }

  @Override
  public Future<?> start() {
    passwords = new PasswordHasher(vertx);
    RateLimits rateLimits = new RateLimits(vertx.eventBus(), config.rateLimits().window(), observability.business());
    HttpServices services = new HttpServices(passwords, AccessTokens.create(vertx, config.jwt(), jwtKeys),
        rateLimits, new LoginRateLimit(rateLimits, config.rateLimits(), observability.business()), observability);
    return ApiRouter.create(vertx, config, lifecycle, services).compose(router -> {
      HttpServerOptions options = new HttpServerOptions()
          .setHost(config.httpHost())
          .setPort(config.httpPort())
          .setCompressionSupported(true)
          .setTcpNoDelay(true);
      if (config.edge().tls()) {
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(config.edge().tlsCertPath().toString())
            .setKeyPath(config.edge().tlsKeyPath().toString()));
      }
      server = vertx.createHttpServer(options).requestHandler(router);
      return server.listen();
    }).compose(listening -> startManagementServer());
  }

  private Future<?> startManagementServer() {
    if (config.managementPort() == 0) {
      return Future.succeededFuture();
    }
    managementServer = vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.httpHost())
            .setPort(config.managementPort()))
        .requestHandler(ManagementRouter.create(vertx, lifecycle, observability.registry()));
    return managementServer.listen();
  }

  /** Stops accepting at once; requests in flight get up to SHUTDOWN_TIMEOUT to finish. */
  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null
        ? Future.succeededFuture()
        : server.shutdown(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return drained
        .eventually(() -> managementServer == null ? Future.succeededFuture() : managementServer.close())
        .eventually(() -> passwords == null ? Future.succeededFuture() : passwords.close());
  }
}
