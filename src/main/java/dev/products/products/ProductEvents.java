package dev.products.products;

import dev.products.platform.bus.LocalJsonCodec;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The public domain events: published (not sent) on the event bus after a write has committed, so
 * every node of a cluster, every WebSocket subscriber and every bridged consumer sees them.
 * Documented for consumers in {@code asyncapi.yaml}; the addresses are the only ones the SockJS
 * bridge lets out.
 *
 * <p>Body: {@code {"type", "id", "version", "product", "actor_id", "occurred_at"}}, where {@code
 * product} is the product as the API shows it after the write (null for a deletion), {@code
 * actor_id} the user who wrote, and {@code occurred_at} an RFC 3339 UTC time. No secrets: products
 * hold none, and the actor is an id. Consumers on the publishing node share one event object
 * ({@link LocalJsonCodec#publishOptions()}): read it, never change it.
 */
public final class ProductEvents {

  public static final String CREATED = "product.created";
  public static final String UPDATED = "product.updated";
  public static final String DELETED = "product.deleted";
  public static final List<String> ADDRESSES = List.of(CREATED, UPDATED, DELETED);

  private ProductEvents() {}

  /**
   * The public event for one product change, as asyncapi.yaml describes it.
   *
   * @param product the product after the write; for {@link #DELETED} null, with {@code version} the
   *     last one
   */
  public static JsonObject of(
      String type, long id, int version, @Nullable JsonObject product, long actorId) {
    return new JsonObject()
        .put("type", type)
        .put("id", id)
        .put("version", version)
        .put("product", product)
        .put("actor_id", actorId)
        .put("occurred_at", Instant.now().toString());
  }
}
