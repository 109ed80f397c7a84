package dev.products.http;

import dev.products.platform.store.PageRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import org.jspecify.annotations.Nullable;

/**
 * What a handler reads of a request the router has already validated against {@code openapi.yaml}:
 * its id, its JSON body, its paging and its optional query numbers. The contract has checked types
 * and ranges, so nothing here validates again.
 */
public final class Validated {

  /** The page size of every list when the client names none. */
  public static final int DEFAULT_LIMIT = 20;

  private Validated() {}

  public static ValidatedRequest request(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** The {@code {id}} of the path. */
  public static long id(RoutingContext rc) {
    return PathIds.of(request(rc));
  }

  /** The JSON object body (for operations whose contract requires one). */
  public static JsonObject body(RoutingContext rc) {
    return request(rc).getBody().getJsonObject();
  }

  /** {@code limit} and {@code offset}, with their defaults. */
  public static PageRequest page(RoutingContext rc) {
    ValidatedRequest request = request(rc);
    RequestParameter limit = given(request.getQuery().get("limit"));
    RequestParameter offset = given(request.getQuery().get("offset"));
    return new PageRequest(
        limit == null ? DEFAULT_LIMIT : limit.getInteger(), offset == null ? 0 : offset.getLong());
  }

  /** An optional integer query parameter, or null when absent. */
  public static @Nullable Long optionalLong(RoutingContext rc, String name) {
    RequestParameter parameter = given(request(rc).getQuery().get(name));
    return parameter == null ? null : parameter.getLong();
  }

  /** The parameter, or null when the client did not send it. */
  private static @Nullable RequestParameter given(@Nullable RequestParameter parameter) {
    return parameter == null || parameter.isNull() ? null : parameter;
  }
}
