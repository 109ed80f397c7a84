package dev.products.http;

import static net.logstash.logback.argument.StructuredArguments.v;

import dev.products.http.contract.ContractRoutes;
import dev.products.http.edge.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request once the response is written: method, route template (from the contract,
 * never the raw path, so it stays low-cardinality), status, duration in ms, bytes, client address;
 * the request and user ids come with it, as with every line logged for the request. Headers are
 * never logged: they carry tokens.
 */
public final class AccessLog implements PlatformHandler {

  private static final Logger LOG = LoggerFactory.getLogger("access");

  private final ContractRoutes routes;

  public AccessLog(ContractRoutes routes) {
    this.routes = routes;
  }

  @Override
  public void handle(RoutingContext rc) {
    long start = System.nanoTime();
    rc.addEndHandler(
        done -> {
          if (LOG.isInfoEnabled()) {
            HttpServerRequest request = rc.request();
            // Each value is also a field of its own in JSON lines; request_id and user_id come with
            // every line.
            LOG.info(
                "{} {} {} {}ms {}B client={}",
                v("method", request.method().name()),
                v("route", routes.template(rc)),
                v("status", rc.response().getStatusCode()),
                v("duration_ms", (System.nanoTime() - start) / 1_000_000),
                v("bytes", rc.response().bytesWritten()),
                v("client", ClientAddress.of(rc)));
          }
        });
    rc.next();
  }
}
