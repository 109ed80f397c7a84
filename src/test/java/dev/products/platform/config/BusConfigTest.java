package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BusConfigTest {

  private static BusConfig load(Vertx vertx, JsonObject overrides) {
    return ConfigLoader.load(vertx, overrides.put("DATABASE_URL", "")).await().bus();
  }

  @Test
  void byDefaultEveryAddressWaitsTenSecondsButTheRateLimitAndTheAccountCheck(Vertx vertx) {
    BusConfig bus = load(vertx, new JsonObject());

    assertThat(bus.timeoutOf("products.create")).isEqualTo(10_000);
    assertThat(bus.timeoutOf("ratelimit.hit")).isEqualTo(2_000);
    assertThat(bus.timeoutOf("users.auth-state")).isEqualTo(5_000);
  }

  @Test
  void anAddressNamedInBusTimeoutsGetsItsOwnWait(Vertx vertx) {
    BusConfig bus =
        load(
            vertx,
            new JsonObject()
                .put("BUS_TIMEOUT", "3s")
                .put("BUS_TIMEOUTS", "products.list=750ms, cache.products.written = 1s"));

    assertThat(bus.timeoutOf("products.list")).isEqualTo(750);
    assertThat(bus.timeoutOf("cache.products.written")).isEqualTo(1_000);
    assertThat(bus.timeoutOf("products.get")).isEqualTo(3_000);
  }

  @Test
  void anEntryThatIsNotAnAddressAndADurationIsRefusedNamingTheVariable(Vertx vertx) {
    for (String bad : new String[] {"products.list", "products.list=soon", "=2s", "List=2s"}) {
      assertThatThrownBy(() -> load(vertx, new JsonObject().put("BUS_TIMEOUTS", bad)))
          .as(bad)
          .hasMessageContaining("BUS_TIMEOUTS");
    }
  }

  @Test
  void aZeroWaitIsRefused(Vertx vertx) {
    assertThatThrownBy(() -> load(vertx, new JsonObject().put("BUS_TIMEOUTS", "products.get=0s")))
        .hasMessageContaining("BUS_TIMEOUTS")
        .hasMessageContaining("longer than 0");
    assertThatThrownBy(() -> load(vertx, new JsonObject().put("BUS_TIMEOUT", "0")))
        .hasMessageContaining("BUS_TIMEOUT");
  }
}
