package dev.products.products;

import dev.products.auth.AuthUser;
import dev.products.http.EntityTags;
import dev.products.http.PathIds;
import dev.products.http.Responses;
import dev.products.platform.bus.Bus;
import dev.products.platform.metrics.BusinessMetrics;
import dev.products.products.ProductsBus.ById;
import dev.products.products.ProductsBus.Changes;
import dev.products.products.ProductsBus.Create;
import dev.products.products.ProductsBus.Delete;
import dev.products.products.ProductsBus.Idempotency;
import dev.products.products.ProductsBus.ListRequest;
import dev.products.products.ProductsBus.NewProduct;
import dev.products.products.ProductsBus.Update;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The products operations of the contract. Requests arrive already validated against {@code
 * openapi.yaml}; each handler turns one into one event bus request and the reply into HTTP.
 */
public final class ProductHandlers {

  private static final int DEFAULT_LIMIT = 20;

  private final Bus bus;
  private final BusinessMetrics metrics;

  public ProductHandlers(Bus bus, BusinessMetrics metrics) {
    this.bus = bus;
    this.metrics = metrics;
  }

  public void create(RoutingContext rc) {
    String idempotencyKey = rc.request().getHeader("Idempotency-Key");
    JsonObject body = body(rc);
    Idempotency idempotency =
        idempotencyKey == null ? null : new Idempotency(idempotencyKey, RequestHash.of(body));
    Responses.answer(
        rc,
        bus.request(
            ProductsBus.CREATE, new Create(NewProduct.fromJson(body), actor(rc), idempotency)),
        outcome -> {
          Product product = outcome.product();
          if (outcome.replayed()) {
            rc.response().putHeader("Idempotent-Replayed", "true");
          } else {
            metrics.productCreated();
          }
          rc.response().putHeader("Location", "/products/" + product.id());
          rc.response().putHeader("ETag", EntityTags.of(product.version()));
          Responses.json(rc, 201, product.toJson());
        });
  }

  public void list(RoutingContext rc) {
    ValidatedRequest request = validated(rc);
    int limit = intOr(request.getQuery().get("limit"), DEFAULT_LIMIT);
    long offset = longOr(request.getQuery().get("offset"), 0);
    RequestParameter category = request.getQuery().get("category_id");
    Long categoryId = category == null || category.isNull() ? null : category.getLong();
    Responses.answer(
        rc,
        bus.request(ProductsBus.LIST, new ListRequest(limit, offset, categoryId)),
        page -> Responses.json(rc, 200, page.toJson(Product::toJson)));
  }

  public void get(RoutingContext rc) {
    // Read before the work starts, so a malformed header is a 400 whatever the product's state.
    EntityTags.Condition notModified =
        EntityTags.ifNoneMatch(rc.request().getHeader("If-None-Match"));
    Responses.answer(
        rc,
        bus.request(CacheBus.PRODUCT, new ById(id(rc))),
        product -> {
          rc.response().putHeader("ETag", EntityTags.of(product.version()));
          if (notModified.holdsFor(product.version())) {
            rc.response().setStatusCode(304).end();
          } else {
            Responses.json(rc, 200, product.toJson());
          }
        });
  }

  public void update(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(
            ProductsBus.UPDATE,
            new Update(
                id(rc),
                Changes.fromJson(body(rc)),
                actor(rc),
                EntityTags.ifMatch(rc.request().getHeader("If-Match")))),
        product -> {
          rc.response().putHeader("ETag", EntityTags.of(product.version()));
          Responses.json(rc, 200, product.toJson());
        });
  }

  public void delete(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(
            ProductsBus.DELETE,
            new Delete(id(rc), actor(rc), EntityTags.ifMatch(rc.request().getHeader("If-Match")))),
        nothing -> rc.response().setStatusCode(204).end());
  }

  private static Actor actor(RoutingContext rc) {
    AuthUser user = AuthUser.of(rc);
    return new Actor(user.id(), user.role());
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
