package dev.products.products;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * A digest of a JSON request body that does not depend on key order or spacing, so "the same body"
 * means the same content, however the client serialized it.
 */
final class RequestHash {

  private RequestHash() {}

  static String of(JsonObject body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(Object value) {
    if (value instanceof JsonObject object) {
      TreeMap<String, String> sorted = new TreeMap<>();
      object.forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach(
          (key, encoded) ->
              out.append(out.length() > 1 ? "," : "")
                  .append(Json.encode(key))
                  .append(':')
                  .append(encoded));
      return out.append('}').toString();
    }
    if (value instanceof JsonArray array) {
      StringBuilder out = new StringBuilder("[");
      array.forEach(item -> out.append(out.length() > 1 ? "," : "").append(canonical(item)));
      return out.append(']').toString();
    }
    return Json.encode(value);
  }
}
