package dev.products.users;

import dev.products.auth.AuthUser;
import dev.products.auth.SessionEvents;
import dev.products.http.BusClient;
import dev.products.http.PathIds;
import dev.products.http.Responses;
import dev.products.products.ProductsBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** The signed-in user, and the admin's view of all users. */
public final class UserHandlers {

  private final BusClient bus;

  public UserHandlers(BusClient bus) {
    this.bus = bus;
  }

  public void me(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(rc, UsersBus.GET, ProductsBus.byId(AuthUser.of(rc).id())),
        user -> Responses.json(rc, 200, user));
  }

  public void list(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    RequestParameter limit = request.getQuery().get("limit");
    RequestParameter offset = request.getQuery().get("offset");
    Responses.answer(
        rc,
        bus.request(
            rc,
            UsersBus.LIST,
            ProductsBus.page(
                limit == null || limit.isNull() ? 20 : limit.getInteger(),
                offset == null || offset.isNull() ? 0 : offset.getLong())),
        page -> Responses.json(rc, 200, page));
  }

  public void update(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    long id = PathIds.of(request);
    JsonObject changes = request.getBody().getJsonObject();
    Responses.answer(
        rc,
        bus.request(rc, UsersBus.UPDATE, new JsonObject().put("id", id).put("changes", changes)),
        user -> {
          if (Boolean.TRUE.equals(changes.getBoolean("disabled"))) {
            bus.publish(SessionEvents.REVOKED, SessionEvents.revoked(id, null));
          }
          Responses.json(rc, 200, user);
        });
  }
}
