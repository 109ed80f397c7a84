package dev.products.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fixed-window counters in Redis, shared by every instance. One script does the increment and sets
 * the expiry, atomically, so no instance can leave a counter that never expires.
 */
final class RedisFixedWindow {

  private static final String SCRIPT =
      """
      local count = redis.call('INCR', KEYS[1])
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        ttl = tonumber(ARGV[1])
      end
      return {count, ttl}
      """;

  private final Redis redis;
  private final String keyPrefix;
  private final long timeoutMs;

  RedisFixedWindow(Redis redis, String keyPrefix, Duration timeout) {
    this.redis = redis;
    this.keyPrefix = keyPrefix + "rl:";
    this.timeoutMs = timeout.toMillis();
  }

  Future<Decision> hit(String key, int limit, long windowMs) {
    Request eval = Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(keyPrefix + key).arg(windowMs);
    return redis
        .send(eval)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .map(reply -> Decision.of(reply.get(0).toLong(), reply.get(1).toLong(), limit, true));
  }

  Future<Void> ping() {
    return redis
        .send(Request.cmd(Command.PING))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .map(Response::toString)
        .mapEmpty();
  }
}
