package dev.products.platform.redis;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.RedisUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.jspecify.annotations.Nullable;

/**
 * The Redis the service uses: the one {@code REDIS_URL} names, or an embedded server started for it
 * (development only). Verticles that speak Redis each create their own client from it. Closing
 * stops the embedded server, if any.
 */
public final class RedisEndpoint {

  private final RedisUrl url;
  private final @Nullable EmbeddedRedisServer embedded;

  private RedisEndpoint(RedisUrl url, @Nullable EmbeddedRedisServer embedded) {
    this.url = url;
    this.embedded = embedded;
  }

  public static Future<RedisEndpoint> open(Vertx vertx, AppConfig config) {
    if (config.redis().url().isPresent()) {
      return Future.succeededFuture(new RedisEndpoint(config.redis().url().get(), null));
    }
    return vertx.executeBlocking(
        () -> {
          EmbeddedRedisServer server =
              EmbeddedRedisServer.start(config.dataDir().resolve("redis"), 0);
          return new RedisEndpoint(server.url(), server);
        });
  }

  public RedisUrl url() {
    return url;
  }

  /**
   * A pooled client, named for the metrics. A command waits for a connection only briefly: when
   * Redis is gone, callers must learn it fast and fall back, not queue up.
   */
  public static Redis client(Vertx vertx, RedisUrl url, String poolName, int maxPoolSize) {
    return Redis.createClient(
        vertx,
        new RedisOptions()
            .setPoolName(poolName)
            .setConnectionString(url.connectionString())
            .setMaxPoolSize(maxPoolSize)
            .setMaxPoolWaiting(1024)
            .setMaxWaitingHandlers(4096)
            // A span per command when the caller is in a trace; only with tracing on (Tracing).
            .setTracingPolicy(TracingPolicy.PROPAGATE));
  }

  public String describe() {
    return embedded != null ? "embedded Redis at " + url.display() : "Redis at " + url.display();
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
