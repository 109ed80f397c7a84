package dev.products.support;

import dev.products.platform.config.RedisUrl;
import dev.products.platform.redis.EmbeddedRedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Redis the suite runs against: the server {@code TEST_REDIS_URL} names, or one embedded
 * server started once for the whole run. Every test app gets its own key prefix, so counters of one
 * test never leak into another, whichever Redis it is.
 */
public final class TestRedis {

  private static RedisUrl url;

  private TestRedis() {}

  public static synchronized RedisUrl url() {
    if (url == null) {
      String external = System.getenv("TEST_REDIS_URL");
      url =
          external != null && !external.isBlank()
              ? RedisUrl.parse("TEST_REDIS_URL", external)
              : startEmbedded().url();
    }
    return url;
  }

  /** A Redis of the test's own, which it may stop and start; closed when the run ends. */
  public static EmbeddedRedisServer startDedicated() {
    try {
      Path dir = Files.createTempDirectory("products-test-redis");
      EmbeddedRedisServer server = EmbeddedRedisServer.start(dir, 0);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    TestDatabase.deleteRecursively(dir);
                  }));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddedRedisServer startEmbedded() {
    return startDedicated();
  }

  public static String uniquePrefix() {
    return "test-" + Long.toHexString(System.nanoTime()) + ":";
  }
}
