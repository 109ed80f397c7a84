package dev.products.platform.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * For the public events, which are JSON because they cross the cluster and reach browsers: the
 * consumers on the publishing node share the one object instead of each receiving a deep copy, as
 * Vert.x's default codec would give them. Safe because the publisher builds a fresh object per
 * event and never touches it after publishing, and consumers only read it. Over the wire (a
 * clustered event bus) it is plain JSON. Requests and replies use {@link LocalCodec} instead.
 */
public final class LocalJsonCodec implements MessageCodec<JsonObject, JsonObject> {

  public static final String NAME = "products-local-json";

  /** Registers the codec once per Vert.x instance. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LocalJsonCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // a second App on the same Vert.x (tests): the first registration serves both
    }
  }

  /**
   * For events published to every node: consumers on this node share the one object instead of each
   * getting a deep copy (Vert.x's default for JSON), so they must treat it as read-only.
   */
  public static DeliveryOptions publishOptions() {
    return new DeliveryOptions().setCodecName(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length()).appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(JsonObject json) {
    return json;
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
