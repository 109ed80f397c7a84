package dev.products.products;

import dev.products.platform.cluster.ClusterMembership;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.NotFoundException;
import dev.products.platform.store.StoreVerticle;
import dev.products.products.ProductsBus.Create;
import dev.products.products.ProductsBus.Created;
import dev.products.products.ProductsBus.Delete;
import dev.products.products.ProductsBus.Update;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The products store on the bus ({@link ProductsBus}), the one owner of a product write: it commits
 * the change with its event (the outbox), makes the cache coherent ({@link CacheBus#WRITTEN}),
 * tells the relay, then replies, so a handler makes one request per operation.
 */
public final class ProductStoreVerticle extends StoreVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(ProductStoreVerticle.class);
  private static final long FLOOR_TIMEOUT_MS = 2_000;

  public ProductStoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    super(config, databaseUrl, outage);
  }

  @Override
  protected List<MessageConsumer<?>> consumers(Pool pool) {
    ProductRepository products = new ProductRepository(pool);
    ProductEventLog events = new ProductEventLog(pool);
    return List.of(
        answer(ProductsBus.CREATE, create -> create(products, create)),
        answer(
            ProductsBus.GET,
            byId ->
                products
                    .find(byId.id())
                    .map(
                        found ->
                            found.orElseThrow(
                                () ->
                                    new NotFoundException(
                                        "product " + byId.id() + " does not exist")))),
        answer(
            ProductsBus.LIST,
            page -> products.page(page.limit(), page.offset(), page.categoryId())),
        answer(ProductsBus.UPDATE, update -> update(products, update)),
        answer(ProductsBus.DELETE, delete -> delete(products, delete)),
        answer(ProductsBus.EVENTS_AFTER, page -> events.after(page.after(), page.limit())),
        answer(ProductsBus.RECENT_WRITES, recent -> events.recent(recent.within())),
        answer(
            ProductsBus.EXPORT_PAGE,
            page -> products.exportPage(page.ownerId(), page.afterId(), page.limit())),
        answer(ProductsBus.COUNT, count -> products.count(count.ownerId())));
  }

  private Future<Created> create(ProductRepository products, Create create) {
    ProductsBus.Idempotency idempotency = create.idempotency();
    Future<Created> outcome =
        idempotency == null
            ? products
                .create(create.product(), create.actor())
                .map(created -> new Created(created, false))
            : products.createOnce(
                create.product(),
                create.actor(),
                idempotency.key(),
                idempotency.requestHash(),
                config.idempotencyTtl());
    return outcome.onSuccess(
        created -> {
          TestFaults.afterCommit();
          // A replay recorded nothing: its event was recorded, once, with the first answer.
          if (!created.replayed()) {
            eventRecorded();
          }
        });
  }

  private Future<Product> update(ProductRepository products, Update update) {
    return products
        .update(update.id(), update.changes(), update.actor(), update.ifMatch())
        .onSuccess(updated -> TestFaults.afterCommit())
        .compose(updated -> cacheWritten(updated.id(), updated.version()).map(updated))
        .onSuccess(updated -> eventRecorded());
  }

  private Future<Void> delete(ProductRepository products, Delete delete) {
    return products
        .delete(delete.id(), delete.actor(), delete.ifMatch())
        .onSuccess(version -> TestFaults.afterCommit())
        .compose(version -> cacheWritten(delete.id(), CacheBus.DELETED))
        .onSuccess(v -> eventRecorded());
  }

  /** The event committed with the write; the relay numbers and publishes it. */
  private void eventRecorded() {
    vertx.eventBus().send(ProductEvents.RECORDED, null);
  }

  /**
   * Tells the cache a write committed, before the writer or any subscriber hears of it, so no
   * instance serves the old copy afterwards. The write stands either way: if Redis did not take it,
   * the cache verticle marks it when Redis is back, and reads here bypass Redis meanwhile; the
   * other members, which may still reach a Redis holding the old copy, are given the floor first.
   */
  private Future<Void> cacheWritten(long id, int version) {
    return bus.request(CacheBus.WRITTEN, new CacheBus.Written(id, version))
        .recover(
            notTaken -> {
              LOG.debug(
                  "The cache did not take the write of product {}: {}", id, notTaken.toString());
              return floorsConfirmed(id, version);
            });
  }

  /**
   * Asks every other member to refuse copies of {@code id} older than {@code version}, and waits
   * for all of them (or {@link #FLOOR_TIMEOUT_MS} for one that does not answer: a member cut off
   * from this one as well). Never fails: the write has committed.
   */
  private Future<Void> floorsConfirmed(long id, int version) {
    ClusterMembership cluster = ClusterMembership.of(vertx);
    if (cluster == null) {
      return Future.succeededFuture();
    }
    JsonObject floor = new JsonObject().put("id", id).put("version", version);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(FLOOR_TIMEOUT_MS);
    List<Future<Message<Object>>> confirmations =
        cluster.otherNodes().stream()
            .map(node -> vertx.eventBus().request(CacheBus.floorAddress(node), floor, options))
            .toList();
    return Future.join(confirmations).transform(done -> Future.succeededFuture());
  }
}
