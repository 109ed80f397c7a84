package dev.products.products;

import dev.products.auth.AuthUser;
import dev.products.http.BusClient;
import dev.products.http.PathIds;
import dev.products.http.Responses;
import dev.products.platform.metrics.BusinessMetrics;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The products operations of the contract. Requests arrive already validated against {@code
 * openapi.yaml}; each handler turns one into an event bus request and the reply into HTTP.
 */
public final class ProductHandlers {

  private static final int DEFAULT_LIMIT = 20;

  private final BusClient bus;
  private final BusinessMetrics metrics;

  public ProductHandlers(BusClient bus, BusinessMetrics metrics) {
    this.bus = bus;
    this.metrics = metrics;
  }

  public void create(RoutingContext rc) {
    String idempotencyKey = rc.request().getHeader("Idempotency-Key");
    JsonObject body = body(rc);
    Responses.answer(
        rc,
        bus.request(
            rc,
            ProductsBus.CREATE,
            ProductsBus.create(
                body,
                actor(rc),
                idempotencyKey,
                idempotencyKey == null ? null : RequestHash.of(body))),
        outcome -> {
          JsonObject product = outcome.getJsonObject("product");
          if (outcome.getBoolean("replayed")) {
            rc.response().putHeader("Idempotent-Replayed", "true");
          } else {
            metrics.productCreated();
          }
          rc.response().putHeader("Location", "/products/" + product.getLong("id"));
          rc.response().putHeader("ETag", EntityTags.of(product));
          Responses.json(rc, 201, product);
        });
  }

  public void list(RoutingContext rc) {
    ValidatedRequest request = validated(rc);
    int limit = intOr(request.getQuery().get("limit"), DEFAULT_LIMIT);
    long offset = longOr(request.getQuery().get("offset"), 0);
    Responses.answer(
        rc,
        bus.request(rc, ProductsBus.LIST, ProductsBus.page(limit, offset)),
        page -> Responses.json(rc, 200, page));
  }

  public void get(RoutingContext rc) {
    // Read before the work starts, so a malformed header is a 400 whatever the product's state.
    EntityTags.Condition notModified =
        EntityTags.ifNoneMatch(rc.request().getHeader("If-None-Match"));
    Responses.answer(
        rc,
        bus.request(rc, CacheBus.PRODUCT, ProductsBus.byId(id(rc))),
        product -> {
          rc.response().putHeader("ETag", EntityTags.of(product));
          if (notModified.holdsFor(product.getInteger("version"))) {
            rc.response().setStatusCode(304).end();
          } else {
            Responses.json(rc, 200, product);
          }
        });
  }

  public void update(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(
            rc,
            ProductsBus.UPDATE,
            ProductsBus.update(
                id(rc),
                body(rc),
                actor(rc),
                EntityTags.ifMatch(rc.request().getHeader("If-Match")))),
        product -> {
          rc.response().putHeader("ETag", EntityTags.of(product));
          Responses.json(rc, 200, product);
        });
  }

  public void delete(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(
            rc,
            ProductsBus.DELETE,
            ProductsBus.delete(
                id(rc), actor(rc), EntityTags.ifMatch(rc.request().getHeader("If-Match")))),
        nothing -> rc.response().setStatusCode(204).end());
  }

  private static JsonObject actor(RoutingContext rc) {
    AuthUser user = AuthUser.of(rc);
    return ProductsBus.actor(user.id(), user.role());
  }

  private static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  private static JsonObject body(RoutingContext rc) {
    return validated(rc).getBody().getJsonObject();
  }

  private static long id(RoutingContext rc) {
    return PathIds.of(validated(rc));
  }

  private static int intOr(@Nullable RequestParameter parameter, int fallback) {
    return parameter == null || parameter.isNull() ? fallback : parameter.getInteger();
  }

  private static long longOr(@Nullable RequestParameter parameter, long fallback) {
    return parameter == null || parameter.isNull() ? fallback : parameter.getLong();
  }
}
