package dev.products.products;

import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.NotFoundException;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The products store on the bus ({@link ProductsBus}): the product SQL, and the product events
 * published after each commit.
 */
public final class ProductStoreVerticle extends StoreVerticle {

  public ProductStoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    super(config, databaseUrl, outage);
  }

  @Override
  protected List<MessageConsumer<JsonObject>> consumers(Pool pool) {
    ProductRepository products = new ProductRepository(pool);
    return List.of(
        answer(ProductsBus.CREATE, body -> create(products, body)),
        answer(
            ProductsBus.GET,
            body -> products.find(body.getLong("id")).map(found -> orNotFound(found, body))),
        answer(
            ProductsBus.LIST,
            body -> products.page(body.getInteger("limit"), body.getLong("offset"))),
        answer(
            ProductsBus.UPDATE,
            body ->
                products
                    .update(
                        body.getLong("id"),
                        body.getJsonObject("changes"),
                        actor(body),
                        ifMatch(body))
                    .onSuccess(
                        updated ->
                            publish(
                                ProductEvents.UPDATED,
                                updated.getLong("id"),
                                updated.getInteger("version"),
                                updated,
                                actor(body)))),
        answer(
            ProductsBus.EXPORT_PAGE,
            body ->
                products.exportPage(
                    body.getLong("owner_id"), body.getLong("after_id"), body.getInteger("limit"))),
        answer(ProductsBus.COUNT, body -> products.count(body.getLong("owner_id"))),
        answer(
            ProductsBus.DELETE,
            body ->
                products
                    .delete(body.getLong("id"), actor(body), ifMatch(body))
                    .map(
                        version -> {
                          publish(
                              ProductEvents.DELETED,
                              body.getLong("id"),
                              version,
                              null,
                              actor(body));
                          return null;
                        })));
  }

  private static Actor actor(JsonObject body) {
    return Actor.from(body.getJsonObject("actor"));
  }

  private Future<JsonObject> create(ProductRepository products, JsonObject body) {
    JsonObject idempotency = body.getJsonObject("idempotency");
    Future<JsonObject> outcome =
        idempotency == null
            ? products
                .create(body.getJsonObject("product"), actor(body))
                .map(created -> new JsonObject().put("product", created).put("replayed", false))
            : products.createOnce(
                body.getJsonObject("product"),
                actor(body),
                idempotency.getString("key"),
                idempotency.getString("request_hash"),
                config.idempotencyTtl());
    return outcome.onSuccess(
        created -> {
          if (!created.getBoolean("replayed")) {
            JsonObject product = created.getJsonObject("product");
            publish(
                ProductEvents.CREATED,
                product.getLong("id"),
                product.getInteger("version"),
                product,
                actor(body));
          }
        });
  }

  /**
   * Tells every node (and through them every subscriber) that a write committed. Published, not
   * sent, so each consumer on each node gets it; a consumer that is down misses it (events are
   * notifications; the database stays the record). The product is copied once, apart from the reply
   * that carries the same object back to the HTTP handler; local consumers then share that copy
   * instead of each receiving a deep copy of its own.
   */
  private void publish(
      String type, long id, int version, @Nullable JsonObject product, Actor actor) {
    vertx
        .eventBus()
        .publish(
            type,
            ProductEvents.of(
                type, id, version, product == null ? null : product.copy(), actor.id()),
            LocalJsonCodec.publishOptions());
  }

  private static Integer @Nullable [] ifMatch(JsonObject body) {
    JsonArray versions = body.getJsonArray("if_match");
    return versions == null
        ? null
        : versions.stream().map(v -> ((Number) v).intValue()).toArray(Integer[]::new);
  }

  private static JsonObject orNotFound(Optional<JsonObject> found, JsonObject request) {
    return found.orElseThrow(
        () -> new NotFoundException("product " + request.getLong("id") + " does not exist"));
  }
}
