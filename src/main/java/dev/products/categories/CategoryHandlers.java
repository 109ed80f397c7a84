package dev.products.categories;

import dev.products.http.EntityTags;
import dev.products.http.Responses;
import dev.products.http.Validated;
import dev.products.platform.bus.Bus;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * The categories operations of the contract: everyone reads, admins write. Requests arrive already
 * validated against {@code openapi.yaml} (and, for writes, authenticated by the security binding);
 * each handler turns one into one event bus request and the reply into HTTP.
 */
public final class CategoryHandlers {

  private final Bus bus;

  public CategoryHandlers(Bus bus) {
    this.bus = bus;
  }

  /**
   * The feature's operations by operationId, for the router: the writes behind {@code adminOnly},
   * so the router binds categories in one place.
   */
  public static Map<String, List<Handler<RoutingContext>>> operations(
      Bus bus, Handler<RoutingContext> adminOnly) {
    CategoryHandlers categories = new CategoryHandlers(bus);
    return Map.of(
        "listCategories", List.of(categories::list),
        "getCategory", List.of(categories::get),
        "createCategory", List.of(adminOnly, categories::create),
        "updateCategory", List.of(adminOnly, categories::update),
        "deleteCategory", List.of(adminOnly, categories::delete));
  }

  public void list(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(CategoriesBus.LIST, Validated.page(rc)),
        page -> Responses.json(rc, 200, page.toJson(Category::toJson)));
  }

  public void create(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(CategoriesBus.CREATE, CategoriesBus.NewCategory.fromJson(Validated.body(rc))),
        category -> {
          rc.response().putHeader("Location", "/categories/" + category.id());
          rc.response().putHeader("ETag", EntityTags.of(category.version()));
          Responses.json(rc, 201, category.toJson());
        });
  }

  public void get(RoutingContext rc) {
    // Read before the work starts, so a malformed header is a 400 whatever the category's state.
    EntityTags.Condition notModified =
        EntityTags.ifNoneMatch(rc.request().getHeader("If-None-Match"));
    Responses.answer(
        rc,
        bus.request(CategoriesBus.GET, new CategoriesBus.ById(Validated.id(rc))),
        category -> {
          rc.response().putHeader("ETag", EntityTags.of(category.version()));
          if (notModified.holdsFor(category.version())) {
            rc.response().setStatusCode(304).end();
          } else {
            Responses.json(rc, 200, category.toJson());
          }
        });
  }

  public void update(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(
            CategoriesBus.UPDATE,
            new CategoriesBus.Update(
                Validated.id(rc),
                CategoriesBus.Changes.fromJson(Validated.body(rc)),
                EntityTags.ifMatch(rc.request().getHeader("If-Match")))),
        category -> {
          rc.response().putHeader("ETag", EntityTags.of(category.version()));
          Responses.json(rc, 200, category.toJson());
        });
  }

  public void delete(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(
            CategoriesBus.DELETE,
            new CategoriesBus.Delete(
                Validated.id(rc), EntityTags.ifMatch(rc.request().getHeader("If-Match")))),
        nothing -> rc.response().setStatusCode(204).end());
  }
}
