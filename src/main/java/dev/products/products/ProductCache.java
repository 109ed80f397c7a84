package dev.products.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Products in Redis, shared by every instance, versioned so a stale copy can never win: an entry is
 * {@code <version>:<json>}; a write leaves a marker {@code !<version>} that refuses any copy older
 * than the version it committed. A reader that loaded the row just before a write cannot put the
 * old copy back after the write's marker.
 */
final class ProductCache {

  /**
   * Store unless something as new is there: an entry of the same or a later version, or a marker of
   * a later version (the copy a marker's own write produced is welcome). ARGV: version, json, ttl
   * ms.
   */
  private static final String PUT =
      """
      local current = redis.call('GET', KEYS[1])
      if current then
        local marker, version = string.match(current, '^(!?)(%d+)')
        version = tonumber(version)
        local incoming = tonumber(ARGV[1])
        if version and ((marker == '!' and version > incoming) or (marker == '' and version >= incoming)) then
          return 0
        end
      end
      redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'PX', ARGV[3])
      return 1
      """;

  /** Leave a marker unless one at least as new is there. ARGV: version, ttl ms. */
  private static final String MARK =
      """
      local current = redis.call('GET', KEYS[1])
      if current and string.sub(current, 1, 1) == '!' then
        local version = tonumber(string.sub(current, 2))
        if version and version >= tonumber(ARGV[1]) then return 0 end
      end
      redis.call('SET', KEYS[1], '!' .. ARGV[1], 'PX', ARGV[2])
      return 1
      """;

  private final Redis redis;
  private final String prefix;
  private final long ttlMs;
  private final long timeoutMs;

  ProductCache(Redis redis, String keyPrefix, Duration ttl, Duration timeout) {
    this.redis = redis;
    this.prefix = keyPrefix + "product:";
    this.ttlMs = ttl.toMillis();
    this.timeoutMs = timeout.toMillis();
  }

  /** The cached product, or null on a miss (nothing there, or a marker). */
  Future<@Nullable Product> get(long id) {
    return send(Request.cmd(Command.GET).arg(prefix + id))
        .map(
            reply -> {
              if (reply == null) {
                return null;
              }
              String value = reply.toString();
              int colon = value.indexOf(':');
              return value.startsWith("!") || colon < 0
                  ? null
                  : Product.fromJson(new JsonObject(value.substring(colon + 1)));
            });
  }

  Future<Void> put(Product product) {
    return send(Request.cmd(Command.EVAL)
            .arg(PUT)
            .arg(1)
            .arg(prefix + product.id())
            .arg(product.version())
            .arg(product.toJson().encode())
            .arg(ttlMs))
        .mapEmpty();
  }

  Future<Void> markWritten(long id, int version) {
    return send(Request.cmd(Command.EVAL).arg(MARK).arg(1).arg(prefix + id).arg(version).arg(ttlMs))
        .mapEmpty();
  }

  private Future<Response> send(Request request) {
    return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
