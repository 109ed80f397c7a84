package dev.products.http.docs;

import dev.products.BuildInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The contract at {@code /openapi.yaml}, the event contract at {@code /asyncapi.yaml} (linked from
 * the API description) and Swagger UI at {@code /docs}, all served from the jar so the docs work
 * offline. Our page and initializer come first; the rest is the Swagger UI webjar.
 */
public final class DocsRoutes {

  private static final String OWN_ASSETS = "webroot/docs";
  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";

  private DocsRoutes() {}

  /**
   * Serves Swagger UI at /docs and both contracts as files.
   *
   * @param events {@code asyncapi.yaml}: the event contract of the bridge, the WebSocket and the
   *     cluster
   */
  public static void mount(Router router, Buffer contract, Buffer events) {
    router
        .get("/openapi.yaml")
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "application/yaml; charset=utf-8")
                    .end(contract));
    router
        .get("/asyncapi.yaml")
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "application/yaml; charset=utf-8")
                    .end(events));
    // vertx-web matches "/docs" and "/docs/" alike; only the bare path is redirected.
    router
        .get("/docs")
        .handler(
            rc -> {
              if (rc.request().path().equals("/docs")) {
                rc.redirect("/docs/");
              } else {
                rc.next();
              }
            });
    router
        .get("/docs/*")
        .handler(
            StaticHandler.create(OWN_ASSETS).setIndexPage("index.html").setCachingEnabled(true))
        .handler(
            StaticHandler.create(SWAGGER_UI + BuildInfo.current().swaggerUiVersion())
                .setCachingEnabled(true));
  }
}
