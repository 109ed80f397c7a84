package dev.products.http;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Vert.x encodes JSON with jackson-databind whenever databind is on the class path (the JSON log
 * encoder brings it), and databind looks up a serializer for every map and value it writes. The
 * service only encodes JsonObject/JsonArray trees, which Vert.x's streaming codec writes directly:
 * profiling the list operation showed databind's serializer lookup among its top costs.
 * Registered as a {@link JsonFactory} (META-INF/services) with an order that wins over Vert.x's own.
 */
public final class StreamingJsonFactory implements JsonFactory {

  private static final JsonCodec CODEC = new JacksonCodec();

  @Override
  public int order() {
    return 0;
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }
}
