package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
class RedisVerticleInstancesTest {

  private static AppConfig load(Vertx vertx, JsonObject overrides) {
    return ConfigLoader.load(vertx, overrides.put("DATABASE_URL", "")).await();
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 1", "4, 1", "8, 2", "16, 4", "64, 16"})
  void byDefaultThereIsOnePerFourHttpInstancesAndAtLeastOne(
      int httpInstances, int expected, Vertx vertx) {
    AppConfig config = load(vertx, new JsonObject().put("HTTP_INSTANCES", httpInstances));

    assertThat(config.effectiveRedisVerticleInstances()).isEqualTo(expected);
  }

  @Test
  void aConfiguredCountWins(Vertx vertx) {
    AppConfig config =
        load(vertx, new JsonObject().put("HTTP_INSTANCES", 2).put("REDIS_VERTICLE_INSTANCES", 3));

    assertThat(config.effectiveRedisVerticleInstances()).isEqualTo(3);
  }

  @Test
  void aNegativeCountIsRefusedNamingTheVariable(Vertx vertx) {
    assertThatThrownBy(() -> load(vertx, new JsonObject().put("REDIS_VERTICLE_INSTANCES", -1)))
        .hasMessageContaining("REDIS_VERTICLE_INSTANCES");
  }
}
