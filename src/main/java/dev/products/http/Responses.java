package dev.products.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** Writing JSON answers. */
public final class Responses {

  public static final String JSON = "application/json";

  private Responses() {}

  /**
   * Ends a request with the outcome of its work. On success {@code writer} answers; a failed
   * future, or anything {@code writer} throws, ends the request as a problem. Either way the
   * request is answered: an exception in a plain {@code onSuccess} callback would only be logged,
   * leaving the client waiting. A request already answered (by its deadline) is left alone.
   */
  public static <T> void answer(RoutingContext rc, Future<T> work, Consumer<T> writer) {
    work.onComplete(
        done -> {
          if (rc.response().ended()) {
            return;
          }
          if (done.failed()) {
            rc.fail(done.cause());
            return;
          }
          try {
            writer.accept(done.result());
          } catch (RuntimeException failure) {
            rc.fail(failure);
          }
        });
  }

  public static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.toBuffer());
  }

  /**
   * For answers with personal or session data: no cache or browser may keep them (RFC 9111 {@code
   * no-store}; {@code Pragma} for HTTP/1.0 caches).
   */
  public static void noStore(RoutingContext rc) {
    rc.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
  }
}
