package dev.products.http;

import dev.products.http.edge.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request once the response is written: method, route template (from the contract,
 * never the raw path, so it stays low-cardinality), status, duration in ms, bytes, request id.
 * Headers are never logged: they carry tokens.
 */
public final class AccessLog implements PlatformHandler {

  private static final Logger LOG = LoggerFactory.getLogger("access");

  private final OpenAPIContract contract;

  public AccessLog(OpenAPIContract contract) {
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext rc) {
    long start = System.nanoTime();
    rc.addEndHandler(done -> {
      if (LOG.isInfoEnabled()) {
        HttpServerRequest request = rc.request();
        LOG.info("{} {} {} {}ms {}B client={} request_id={}", request.method(), routeTemplate(request.path()),
            rc.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000,
            rc.response().bytesWritten(), ClientAddress.of(rc), RequestIds.of(rc));
      }
    });
    rc.next();
  }

  /** The contract path the request matched, or a fixed label for everything outside the contract. */
  public String routeTemplate(String path) {
    Path matched = path == null ? null : contract.findPath(path);
    if (matched != null) {
      return matched.getName();
    }
    return path != null && (path.startsWith("/docs") || path.equals("/openapi.yaml")) ? "/docs" : "unmatched";
  }
}
