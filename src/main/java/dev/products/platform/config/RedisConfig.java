package dev.products.platform.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Redis, shared by every instance for rate-limit counters (and later the cache).
 *
 * @param url empty means "start the embedded Redis" (refused in prod)
 * @param timeout how long one command may take before the caller falls back
 * @param keyPrefix namespaces every key, so several deployments can share one Redis
 */
public record RedisConfig(
    Optional<RedisUrl> url, Duration timeout, String keyPrefix, int verticleInstances) {

  static RedisConfig from(ConfigValues values, Profile profile, EmbeddedServers embedded) {
    Optional<RedisUrl> url =
        Optional.ofNullable(values.optionalString("REDIS_URL"))
            .map(s -> RedisUrl.parse("REDIS_URL", s));
    if (profile.isProd() && url.isEmpty()) {
      throw new ConfigException(
          "REDIS_URL", "is required in the prod profile (the embedded Redis is for development)");
    }
    if (url.isEmpty() && !embedded.redis()) {
      throw new ConfigException("REDIS_URL", EmbeddedServers.missing("Redis"));
    }
    Duration timeout = values.positiveDuration("REDIS_TIMEOUT");
    String prefix = values.string("REDIS_KEY_PREFIX");
    if (prefix.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException("REDIS_KEY_PREFIX", "must not contain spaces");
    }
    return new RedisConfig(
        url, timeout, prefix, values.intBetween("REDIS_VERTICLE_INSTANCES", 0, 256));
  }

  public boolean embedded() {
    return url.isEmpty();
  }
}
