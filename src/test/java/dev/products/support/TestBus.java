package dev.products.support;

import dev.products.platform.bus.Bus;
import dev.products.platform.config.BusConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;

/** The typed bus, for tests that talk to a running app's verticles directly. */
public final class TestBus {

  private TestBus() {}

  /** A bus client on {@code vertx}, whose app must be started (it registers the codec). */
  public static Bus on(Vertx vertx) {
    return new Bus(vertx, new BusConfig(Duration.ofSeconds(10), Map.of()));
  }
}
