package dev.products.products;

import dev.products.platform.bus.LocalJsonCodec;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * The public domain events: published (not sent) on the event bus after a write has committed, so
 * every node of a cluster, every WebSocket subscriber and every bridged consumer sees them. Each is
 * a {@link ProductEvent}, written as JSON in one place ({@link ProductEvent#toJson()}) exactly as
 * {@code asyncapi.yaml} documents it; the addresses are the only ones the SockJS bridge lets out.
 */
public final class ProductEvents {

  public static final String CREATED = "product.created";
  public static final String UPDATED = "product.updated";
  public static final String DELETED = "product.deleted";
  public static final List<String> ADDRESSES = List.of(CREATED, UPDATED, DELETED);

  private final EventBus eventBus;

  ProductEvents(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  void created(Product product, Actor actor) {
    publish(ProductEvent.of(CREATED, product.id(), product.version(), product, actor.id()));
  }

  void updated(Product product, Actor actor) {
    publish(ProductEvent.of(UPDATED, product.id(), product.version(), product, actor.id()));
  }

  /**
   * @param version the version the product had when deleted
   */
  void deleted(long id, int version, Actor actor) {
    publish(ProductEvent.of(DELETED, id, version, null, actor.id()));
  }

  /**
   * To every consumer on every node; a consumer that is down misses it (events are notifications;
   * the database stays the record). Consumers on this node share the one JSON object instead of
   * each receiving a deep copy ({@link LocalJsonCodec#publishOptions()}): they read it, never
   * change it.
   */
  private void publish(ProductEvent event) {
    eventBus.publish(event.type(), event.toJson(), LocalJsonCodec.publishOptions());
  }
}
