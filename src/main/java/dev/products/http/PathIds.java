package dev.products.http;

import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** The {@code {id}} of a validated request's path: every such path declares it as an integer. */
public final class PathIds {

  private PathIds() {}

  public static long of(ValidatedRequest request) {
    RequestParameter id = request.getPathParameters().get("id");
    if (id == null || id.isNull()) {
      // The router only routes here for a path the contract matched, so this is a wiring error.
      throw new HttpException(404, "no id in the path");
    }
    return id.getLong();
  }
}
