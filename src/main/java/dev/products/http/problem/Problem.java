package dev.products.http.problem;

import dev.products.platform.tracing.TraceContext;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** An RFC 9457 problem document, written as {@code application/problem+json}. */
public record Problem(ProblemType type, int status, String detail, @Nullable JsonArray errors) {

  public static final String CONTENT_TYPE = "application/problem+json";

  public static Problem of(ProblemType type, String detail) {
    return new Problem(type, type.status(), detail, null);
  }

  public JsonObject toJson(@Nullable String instance, String requestId) {
    JsonObject json =
        new JsonObject()
            .put("type", type.uri())
            .put("title", type.title())
            .put("status", status)
            .put("detail", detail)
            .put("instance", instanceOf(instance))
            .put("request_id", requestId);
    // With tracing on, the trace of the request, to find it in the trace backend.
    String traceId = TraceContext.traceId();
    if (traceId != null) {
      json.put("trace_id", traceId);
    }
    if (errors != null && !errors.isEmpty()) {
      json.put("errors", errors);
    }
    return json;
  }

  /**
   * The request path as a valid URI reference (the contract says {@code format: uri-reference}):
   * the raw path is echoed as sent, so a bad escape or a character a URI cannot hold is
   * percent-encoded; no path at all (a request that could not be read) is the empty reference.
   */
  static String instanceOf(@Nullable String path) {
    if (path == null) {
      return "";
    }
    StringBuilder safe = null;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean keep =
          (c < 0x80 && PATH_CHARS.indexOf(c) >= 0)
              || (c == '%' && isHex(path, i + 1) && isHex(path, i + 2));
      if (!keep && safe == null) {
        safe = new StringBuilder(path.length() + 16).append(path, 0, i);
      }
      if (safe != null) {
        if (keep) {
          safe.append(c);
        } else {
          int codePoint = path.codePointAt(i); // a surrogate pair is one character of UTF-8
          for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            safe.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
          }
          i += Character.charCount(codePoint) - 1;
        }
      }
    }
    return safe == null ? path : safe.toString();
  }

  private static final String PATH_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80;
  }

  public void send(HttpServerResponse response, @Nullable String instance, String requestId) {
    response
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(toJson(instance, requestId).toBuffer());
  }
}
