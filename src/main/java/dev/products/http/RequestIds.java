package dev.products.http;

import dev.products.platform.logging.LogContext;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id: a well-formed incoming {@code X-Request-ID} is kept (so a caller's
 * trace continues), anything else is replaced by a fresh one. The id is echoed in the response.
 */
public final class RequestIds implements PlatformHandler {

  public static final String HEADER = "X-Request-ID";
  private static final String KEY = "request_id";
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  @Override
  public void handle(RoutingContext rc) {
    String incoming = rc.request().getHeader(HEADER);
    String id = incoming != null && WELL_FORMED.matcher(incoming).matches() ? incoming : generate();
    rc.put(KEY, id);
    LogContext.put(LogContext.REQUEST_ID, id);
    // The request's server span (tracing on): every line of the request names its trace.
    LogContext.putTrace();
    rc.response().putHeader(HEADER, id);
    rc.next();
  }

  /** The id of this request; generated on the spot when the request never passed the handler. */
  public static String of(RoutingContext rc) {
    String id = rc.get(KEY);
    if (id == null) {
      id = generate();
      rc.put(KEY, id);
      rc.response().putHeader(HEADER, id);
    }
    return id;
  }

  /** A fresh id, for answers given outside the router. */
  public static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }
}
