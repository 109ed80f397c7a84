package dev.products.http.edge;

import dev.products.platform.config.AppConfig;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.XFrameHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The security-policy handlers every route passes, in the order they run. */
public final class EdgeHandlers {

  private static final Set<String> REQUEST_HEADERS =
      Set.of(
          "Authorization",
          "Content-Type",
          "X-Request-ID",
          "If-Match",
          "If-None-Match",
          "Idempotency-Key");
  private static final Set<String> EXPOSED_HEADERS =
      Set.of(
          "X-Request-ID",
          "Location",
          "ETag",
          "Retry-After",
          "RateLimit-Limit",
          "RateLimit-Remaining",
          "RateLimit-Reset");

  private EdgeHandlers() {}

  public static List<Handler<RoutingContext>> securityPolicies(AppConfig config) {
    List<Handler<RoutingContext>> handlers = new ArrayList<>();
    handlers.add(new SecurityHeaders(config.profile().isProd()));
    handlers.add(XFrameHandler.create(XFrameHandler.DENY));
    // Swagger UI (served from /docs) needs inline styles and data: images; nothing else is
    // loosened.
    handlers.add(
        CSPHandler.create()
            .setDirective("default-src", "'self'")
            .setDirective("script-src", "'self'")
            .setDirective("style-src", "'self' 'unsafe-inline'")
            .setDirective("img-src", "'self' data:")
            .setDirective("connect-src", "'self'")
            .setDirective("frame-ancestors", "'none'")
            .setDirective("base-uri", "'none'")
            .setDirective("form-action", "'self'")
            .setDirective("object-src", "'none'"));
    if (!config.edge().corsOrigins().isEmpty()) {
      handlers.add(
          new SameOriginOrCors(
              CorsHandler.create()
                  .addOrigins(config.edge().corsOrigins())
                  .allowedMethods(
                      Set.of(
                          HttpMethod.GET,
                          HttpMethod.POST,
                          HttpMethod.PATCH,
                          HttpMethod.DELETE,
                          HttpMethod.OPTIONS))
                  .allowedHeaders(REQUEST_HEADERS)
                  .exposedHeaders(EXPOSED_HEADERS)
                  .allowCredentials(false)
                  .maxAgeSeconds(600)));
    }
    handlers.add(new TrustedHosts(config.edge().allowedHosts()));
    return handlers;
  }
}
