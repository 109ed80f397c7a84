package dev.products.http;

import dev.products.Lifecycle;
import dev.products.Observability;
import dev.products.auth.AccessTokens;
import dev.products.auth.JwtKeys;
import dev.products.auth.PasswordHasher;
import dev.products.http.edge.HeaderDeadline;
import dev.products.http.edge.InvalidRequests;
import dev.products.live.LiveConnections;
import dev.products.live.LiveUpdates;
import dev.products.live.SocketAuthentication;
import dev.products.platform.bus.Bus;
import dev.products.platform.config.AppConfig;
import dev.products.ratelimit.LoginRateLimit;
import dev.products.ratelimit.RateLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.tracing.TracingPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Owns the HTTP server and the router built from the contract. Deployed once per core; the
 * instances share the port. Holds no SQL: all data work goes over the event bus.
 */
public final class HttpVerticle extends VerticleBase {

  private final AppConfig config;
  private final Lifecycle lifecycle;
  private final JwtKeys jwtKeys;
  private final Observability observability;
  private final LiveConnections liveConnections;
  private @Nullable HttpServer server;
  private LiveUpdates live;
  private @Nullable HttpServer managementServer;
  private PasswordHasher passwords;

  public HttpVerticle(
      AppConfig config,
      Lifecycle lifecycle,
      JwtKeys jwtKeys,
      Observability observability,
      LiveConnections liveConnections) {
    this.liveConnections = liveConnections;
    this.config = config;
    this.lifecycle = lifecycle;
    this.jwtKeys = jwtKeys;
    this.observability = observability;
  }

  @Override
  public Future<?> start() {
    passwords = new PasswordHasher(vertx);
    Bus bus = new Bus(vertx, config.bus());
    RateLimits rateLimits =
        new RateLimits(bus, config.rateLimits().window(), observability.business());
    AccessTokens accessTokens = AccessTokens.create(vertx, config.jwt(), jwtKeys);
    live =
        new LiveUpdates(
            vertx,
            config.live(),
            new SocketAuthentication(bus, accessTokens),
            liveConnections,
            bus);
    HttpServices services =
        new HttpServices(
            passwords,
            accessTokens,
            rateLimits,
            new LoginRateLimit(rateLimits, config.rateLimits(), observability.business()),
            observability,
            live);
    return live.start()
        .compose(v -> ApiRouter.create(vertx, config, lifecycle, services))
        .compose(
            router -> {
              HttpServerOptions options =
                  new HttpServerOptions()
                      .setHost(config.httpHost())
                      .setPort(config.httpPort())
                      .setCompressionSupported(true)
                      // Every request is the root of a trace, or joins the caller's (traceparent),
                      // when tracing is on (platform/tracing/Tracing).
                      .setTracingPolicy(TracingPolicy.ALWAYS)
                      .setTcpNoDelay(true)
                      .setWebSocketSubProtocols(List.of(LiveUpdates.SUBPROTOCOL))
                      // Clients only send small control messages; anything larger is not ours to
                      // buffer. WebSocket compression is off: Netty inflates a frame with no cap
                      // before any limit sees it, so one 16 KiB frame could cost ~16 MB of heap
                      // (a deflate bomb), while our events are small JSON that gains little.
                      // LiveSocket still counts a message's bytes itself and closes with 1009.
                      .setPerMessageWebSocketCompressionSupported(false)
                      .setPerFrameWebSocketCompressionSupported(false)
                      .setMaxWebSocketFrameSize(16 * 1024)
                      .setMaxWebSocketMessageSize(16 * 1024)
                      // A peer that does not answer our close frame (a dead one, typically) loses
                      // its connection after this.
                      .setWebSocketClosingTimeout(3)
                      // HTTP/1.1 only: with cleartext HTTP/2 on, a connection exists for Vert.x
                      // (and our header
                      // deadline) only once its first bytes said which protocol it speaks.
                      .setHttp2ClearTextEnabled(false)
                      .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                      .setIdleTimeout(
                          (int)
                              Math.min(Integer.MAX_VALUE, config.edge().idleTimeout().toMillis()));
              Path cert = config.edge().tlsCertPath();
              Path key = config.edge().tlsKeyPath();
              if (cert != null && key != null) {
                options
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertPath(cert.toString())
                            .setKeyPath(key.toString()));
              }
              HeaderDeadline headerDeadline =
                  new HeaderDeadline(vertx, config.edge().headerTimeout());
              server =
                  vertx
                      .createHttpServer(options)
                      .connectionHandler(headerDeadline::connected)
                      .invalidRequestHandler(headerDeadline.before(new InvalidRequests()))
                      .requestHandler(headerDeadline.before(router));
              return server.listen();
            })
        .compose(listening -> startManagementServer());
  }

  private Future<?> startManagementServer() {
    if (config.managementPort() == 0) {
      return Future.succeededFuture();
    }
    managementServer =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost(config.httpHost())
                    .setPort(config.managementPort())
                    // Scrapes and probes every few seconds are not worth a trace each.
                    .setTracingPolicy(TracingPolicy.IGNORE))
            .requestHandler(
                ManagementRouter.create(
                    vertx, new Bus(vertx, config.bus()), lifecycle, observability.registry()));
    return managementServer.listen();
  }

  /** Stops accepting at once; requests in flight get up to SHUTDOWN_TIMEOUT to finish. */
  @Override
  public Future<?> stop() {
    Future<Void> socketsClosed = live == null ? Future.succeededFuture() : live.close();
    Future<Void> drained =
        socketsClosed.compose(
            v ->
                server == null
                    ? Future.succeededFuture()
                    : server.shutdown(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS));
    return drained
        .eventually(
            () -> managementServer == null ? Future.succeededFuture() : managementServer.close())
        .eventually(() -> passwords == null ? Future.succeededFuture() : passwords.close());
  }
}
