package dev.products.products;

import dev.products.platform.bus.BusHeaders;
import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.logging.LogContext;
import dev.products.platform.store.NotFoundException;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The products store on the bus ({@link ProductsBus}), the one owner of a product write: it
 * commits, makes the cache coherent ({@link CacheBus#WRITTEN}), publishes the product event, then
 * replies, so a handler makes one request per operation.
 */
public final class ProductStoreVerticle extends StoreVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(ProductStoreVerticle.class);
  private static final long CACHE_TIMEOUT_MS = 10_000;

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
                    .compose(
                        updated ->
                            cacheWritten(updated.getLong("id"), updated.getInteger("version"))
                                .map(updated))
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
                    .compose(
                        version -> cacheWritten(body.getLong("id"), CacheBus.DELETED).map(version))
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

  /**
   * Tells the cache a write committed, before the writer or any subscriber hears of it, so no
   * instance serves the old copy afterwards. The write stands either way: if Redis did not take it,
   * the cache verticle marks it when Redis is back, and reads bypass Redis meanwhile.
   */
  private Future<Void> cacheWritten(long id, int version) {
    DeliveryOptions options = LocalJsonCodec.options().setSendTimeout(CACHE_TIMEOUT_MS);
    String requestId = LogContext.get(LogContext.REQUEST_ID);
    if (requestId != null) {
      options.addHeader(BusHeaders.REQUEST_ID, requestId);
    }
    return vertx
        .eventBus()
        .request(CacheBus.WRITTEN, new JsonObject().put("id", id).put("version", version), options)
        .<Void>mapEmpty()
        .recover(
            notTaken -> {
              LOG.debug(
                  "The cache did not take the write of product {}: {}", id, notTaken.toString());
              return Future.succeededFuture();
            });
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
