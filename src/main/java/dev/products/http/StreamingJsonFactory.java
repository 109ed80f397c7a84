package dev.products.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.json.JsonCodec;
import java.io.IOException;

/**
 * The JSON codec of the whole process, for two reasons.
 *
 * <ul>
 *   <li>Speed: Vert.x encodes JSON with jackson-databind whenever databind is on the class path
 *       (the JSON log encoder brings it), and databind looks up a serializer for every map and
 *       value it writes. The service only encodes JsonObject/JsonArray trees, which Vert.x's
 *       streaming codec writes directly: profiling the list operation showed databind's serializer
 *       lookup among its top costs.
 *   <li>Strict reading (RFC 8259): Vert.x's parser accepts comments, and Jackson detects UTF-16 and
 *       UTF-32 from the bytes. Request bodies must be UTF-8 JSON, so comments are errors and a body
 *       with a NUL byte (which UTF-8 JSON can only carry escaped, and every UTF-16/32 text of ASCII
 *       characters has) is refused.
 * </ul>
 *
 * Registered as a {@link io.vertx.core.spi.JsonFactory} (META-INF/services) with an order that wins
 * over Vert.x's own.
 */
public final class StreamingJsonFactory implements io.vertx.core.spi.JsonFactory {

  private static final JsonCodec CODEC = new StrictCodec();

  @Override
  public int order() {
    return 0;
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }

  private static final class StrictCodec extends JacksonCodec {

    /** Jackson's defaults: no comments, no single quotes, no unquoted names, no trailing commas. */
    private static final JsonFactory STRICT = new JsonFactory();

    @Override
    public <T> T fromString(String json, Class<T> type) {
      return fromParser(parser(json), type);
    }

    @Override
    public Object fromString(String json) {
      return fromParser(parser(json), Object.class);
    }

    @Override
    public <T> T fromBuffer(Buffer json, Class<T> type) {
      return fromParser(parser(json), type);
    }

    @Override
    public Object fromBuffer(Buffer json) {
      return fromParser(parser(json), Object.class);
    }

    private static JsonParser parser(String json) {
      try {
        return STRICT.createParser(json);
      } catch (IOException e) {
        throw new DecodeException("Failed to decode: " + e.getMessage(), e);
      }
    }

    private static JsonParser parser(Buffer json) {
      byte[] bytes = json.getBytes();
      for (byte b : bytes) {
        if (b == 0) {
          throw new DecodeException("Failed to decode: JSON text must be UTF-8 without NUL bytes");
        }
      }
      try {
        // Without NUL bytes, Jackson's detection can only find UTF-8; invalid sequences are decode
        // errors.
        return STRICT.createParser(bytes);
      } catch (IOException e) {
        throw new DecodeException("Failed to decode: " + e.getMessage(), e);
      }
    }
  }
}
