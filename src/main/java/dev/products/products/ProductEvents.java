package dev.products.products;

import java.util.List;

/**
 * The public domain events: every committed write of a product, recorded in the outbox with the
 * write and published (not sent) on the event bus by {@link ProductEventRelay}, so every node of a
 * cluster, every WebSocket subscriber and every bridged consumer sees them. Each is a {@link
 * ProductEvent}, written as JSON in one place ({@link ProductEvent#toJson()}) exactly as {@code
 * asyncapi.yaml} documents it; the addresses are the only ones the SockJS bridge lets out.
 */
public final class ProductEvents {

  public static final String CREATED = "product.created";
  public static final String UPDATED = "product.updated";
  public static final String DELETED = "product.deleted";
  public static final List<String> ADDRESSES = List.of(CREATED, UPDATED, DELETED);

  /**
   * Request/reply, open to bridge clients: the events after an {@code event_id}, from the outbox
   * ({@code {"after": N, "limit": L}} → {@code {"events": [...], "last_event_id", "more"}}).
   */
  public static final String REPLAY = "product.events.replay";

  /** Local, no body: a write on this node recorded an event; its relay takes it from there. */
  static final String RECORDED = "products.events.recorded";

  /** Cluster-wide, no body, consumed on the relaying node only: another node recorded events. */
  static final String RELAY_NUDGE = "products.events.relay";

  private ProductEvents() {}
}
