package dev.products.platform.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The one codec of every request and reply: the record itself is handed to the consumer, with no
 * copy and no encoding. Safe because requests and replies are immutable records (or JSON the sender
 * built for this message alone and never touches again), and because {@link Bus} sends them only to
 * local consumers: a clustered node never ships its database or Redis work to another node, so
 * nothing here is ever written to the wire.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {

  public static final String NAME = "products-local";

  /** Registers the codec once per Vert.x instance. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // a second App on the same Vert.x (tests): the first registration serves both
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Object message) {
    throw new IllegalStateException(
        "a local bus message cannot leave this node: " + message.getClass().getName());
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException("a local bus message cannot arrive from another node");
  }

  @Override
  public Object transform(Object message) {
    return message;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
