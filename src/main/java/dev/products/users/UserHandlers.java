package dev.products.users;

import dev.products.auth.AuthUser;
import dev.products.auth.SessionEvents;
import dev.products.http.Responses;
import dev.products.http.Validated;
import dev.products.platform.bus.Bus;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The signed-in user, and the admin's view of all users. */
public final class UserHandlers {

  private final Bus bus;
  private final EventBus eventBus;

  public UserHandlers(Bus bus, EventBus eventBus) {
    this.bus = bus;
    this.eventBus = eventBus;
  }

  public void me(RoutingContext rc) {
    Responses.noStore(rc);
    Responses.answer(
        rc,
        bus.request(UsersBus.GET, new UsersBus.ById(AuthUser.of(rc).id())),
        user -> Responses.json(rc, 200, user.toJson()));
  }

  public void list(RoutingContext rc) {
    Responses.noStore(rc);
    Responses.answer(
        rc,
        bus.request(UsersBus.LIST, Validated.page(rc)),
        page -> Responses.json(rc, 200, page.toJson(User::toJson)));
  }

  public void update(RoutingContext rc) {
    Responses.noStore(rc);
    long id = Validated.id(rc);
    JsonObject changes = Validated.body(rc);
    UsersBus.Update update =
        new UsersBus.Update(id, changes.getString("role"), changes.getBoolean("disabled"));
    Responses.answer(
        rc,
        bus.request(UsersBus.UPDATE, update),
        user -> {
          if (Boolean.TRUE.equals(update.disabled())) {
            SessionEvents.publish(
                eventBus, SessionEvents.Revoked.everySession(id, "the account is disabled"));
          }
          Responses.json(rc, 200, user.toJson());
        });
  }
}
