package dev.products.users;

import dev.products.auth.AuthUser;
import dev.products.auth.SessionEvents;
import dev.products.http.PathIds;
import dev.products.http.Responses;
import dev.products.platform.bus.Bus;
import dev.products.platform.store.PageRequest;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** The signed-in user, and the admin's view of all users. */
public final class UserHandlers {

  private final Bus bus;
  private final EventBus eventBus;

  public UserHandlers(Bus bus, EventBus eventBus) {
    this.bus = bus;
    this.eventBus = eventBus;
  }

  public void me(RoutingContext rc) {
    Responses.answer(
        rc,
        bus.request(UsersBus.GET, new UsersBus.ById(AuthUser.of(rc).id())),
        user -> Responses.json(rc, 200, user.toJson()));
  }

  public void list(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    RequestParameter limit = request.getQuery().get("limit");
    RequestParameter offset = request.getQuery().get("offset");
    Responses.answer(
        rc,
        bus.request(
            UsersBus.LIST,
            new PageRequest(
                limit == null || limit.isNull() ? 20 : limit.getInteger(),
                offset == null || offset.isNull() ? 0 : offset.getLong())),
        page -> Responses.json(rc, 200, page.toJson(User::toJson)));
  }

  public void update(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    long id = PathIds.of(request);
    JsonObject changes = request.getBody().getJsonObject();
    UsersBus.Update update =
        new UsersBus.Update(id, changes.getString("role"), changes.getBoolean("disabled"));
    Responses.answer(
        rc,
        bus.request(UsersBus.UPDATE, update),
        user -> {
          if (Boolean.TRUE.equals(update.disabled())) {
            SessionEvents.publish(eventBus, new SessionEvents.Revoked(id, null));
          }
          Responses.json(rc, 200, user.toJson());
        });
  }
}
