package dev.products.products;

import dev.products.auth.AuthUser;
import dev.products.http.EntityTags;
import dev.products.http.Responses;
import dev.products.http.Validated;
import dev.products.platform.bus.Bus;
import dev.products.platform.metrics.BusinessMetrics;
import dev.products.platform.store.PageRequest;
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

/**
 * The products operations of the contract. Requests arrive already validated against {@code
 * openapi.yaml}; each handler turns one into one event bus request and the reply into HTTP.
 */
public final class ProductHandlers {

  private final Bus bus;
  private final BusinessMetrics metrics;

  public ProductHandlers(Bus bus, BusinessMetrics metrics) {
    this.bus = bus;
    this.metrics = metrics;
  }

  public void create(RoutingContext rc) {
    String idempotencyKey = rc.request().getHeader("Idempotency-Key");
    JsonObject body = Validated.body(rc);
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
    PageRequest page = Validated.page(rc);
    Responses.answer(
        rc,
        bus.request(
            ProductsBus.LIST,
            new ListRequest(
                page.limit(), page.offset(), Validated.optionalLong(rc, "category_id"))),
        products -> Responses.json(rc, 200, products.toJson(Product::toJson)));
  }

  public void get(RoutingContext rc) {
    // Read before the work starts, so a malformed header is a 400 whatever the product's state.
    EntityTags.Condition notModified =
        EntityTags.ifNoneMatch(rc.request().getHeader("If-None-Match"));
    Responses.answer(
        rc,
        bus.request(CacheBus.PRODUCT, new ById(Validated.id(rc))),
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
                Validated.id(rc),
                Changes.fromJson(Validated.body(rc)),
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
            new Delete(
                Validated.id(rc),
                actor(rc),
                EntityTags.ifMatch(rc.request().getHeader("If-Match")))),
        nothing -> rc.response().setStatusCode(204).end());
  }

  private static Actor actor(RoutingContext rc) {
    AuthUser user = AuthUser.of(rc);
    return new Actor(user.id(), user.role());
  }
}
