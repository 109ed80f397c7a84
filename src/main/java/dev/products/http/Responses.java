package dev.products.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers. */
public final class Responses {

  public static final String JSON = "application/json";

  private Responses() {}

  public static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.toBuffer());
  }
}
