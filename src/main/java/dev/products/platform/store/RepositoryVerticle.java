package dev.products.platform.store;

import dev.products.auth.TokenRepository;
import dev.products.auth.TokensBus;
import dev.products.http.health.HealthBus;
import dev.products.jobs.ExpiredRecords;
import dev.products.jobs.HousekeepingBus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.bus.BusHeaders;
import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.database.DatabaseFailures;
import dev.products.platform.database.SchemaHealth;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.logging.LogContext;
import dev.products.products.Actor;
import dev.products.products.ProductEvents;
import dev.products.products.ProductRepository;
import dev.products.products.ProductsBus;
import dev.products.users.UserRepository;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that speaks SQL. Owns the reactive PostgreSQL pool (shared by all instances of this
 * verticle) and answers the {@link ProductsBus} addresses as local consumers.
 */
public final class RepositoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RepositoryVerticle.class);
  static final String POOL_NAME = "products-pg-pool";

  private final AppConfig config;
  private final DatabaseUrl databaseUrl;
  private final String expectedSchemaVersion;
  private final DependencyOutage outage;
  private Pool pool;

  /**
   * @param outage the database's outage reporting, shared with every other user of the database
   */
  public RepositoryVerticle(
      AppConfig config,
      DatabaseUrl databaseUrl,
      String expectedSchemaVersion,
      DependencyOutage outage) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.expectedSchemaVersion = expectedSchemaVersion;
    this.outage = outage;
  }

  @Override
  public Future<?> start() {
    pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(config.dbPoolSize())
                    .setMaxWaitQueueSize(config.dbPoolMaxWaitQueue())
                    .setIdleTimeout(
                        (int) Math.min(Integer.MAX_VALUE, config.dbPoolIdleTimeout().toSeconds()))
                    .setIdleTimeoutUnit(TimeUnit.SECONDS)
                    .setShared(true)
                    .setName(POOL_NAME))
            .connectingTo(databaseUrl.connectOptions())
            .using(vertx)
            .build();
    ProductRepository products = new ProductRepository(pool);
    UserRepository users = new UserRepository(pool, config.jobs().maxAttempts());
    TokenRepository tokens = new TokenRepository(pool);
    SchemaHealth schema = new SchemaHealth(pool, expectedSchemaVersion);
    ExpiredRecords expired = new ExpiredRecords(pool, config.idempotencyTtl());

    List<MessageConsumer<JsonObject>> consumers =
        List.of(
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
                        body.getLong("owner_id"),
                        body.getLong("after_id"),
                        body.getInteger("limit"))),
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
                            })),
            answer(
                UsersBus.CREATE,
                body ->
                    users.create(
                        body.getString("email"),
                        body.getString("password_hash"),
                        body.getString("role"))),
            answer(UsersBus.GET, body -> users.find(body.getLong("id"))),
            answer(
                UsersBus.LIST,
                body -> users.page(body.getInteger("limit"), body.getLong("offset"))),
            answer(
                UsersBus.UPDATE,
                body -> users.update(body.getLong("id"), body.getJsonObject("changes"))),
            answer(UsersBus.CREDENTIALS, body -> users.credentials(body.getString("email"))),
            answer(
                UsersBus.AUTH_STATE,
                body -> users.authState(body.getLong("id"), body.getString("jti"))),
            answer(
                UsersBus.ENSURE_ADMIN,
                body ->
                    users.ensureAdmin(body.getString("email"), body.getString("password_hash"))),
            answer(
                TokensBus.ISSUE_REFRESH,
                body ->
                    tokens
                        .issue(
                            body.getLong("user_id"),
                            body.getString("token_hash"),
                            body.getLong("expires_at"))
                        .map(v -> new JsonObject())),
            answer(
                TokensBus.ROTATE_REFRESH,
                body ->
                    tokens.rotate(
                        body.getString("token_hash"),
                        body.getString("new_token_hash"),
                        body.getLong("expires_at"))),
            answer(
                TokensBus.REVOKE,
                body ->
                    tokens
                        .revoke(
                            body.getLong("user_id"),
                            body.getString("jti"),
                            body.getLong("expires_at"),
                            body.getString("refresh_token_hash"))
                        .map(v -> new JsonObject())),
            answer(HousekeepingBus.PURGE_EXPIRED, body -> expired.purge()),
            answer(HealthBus.DATABASE, body -> schema.check()));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private MessageConsumer<JsonObject> answer(
      String address, Function<JsonObject, Future<JsonObject>> action) {
    Handler<Message<JsonObject>> handler =
        message -> {
          // Each message is handled on its own duplicated context: the ids logged from here on are
          // this request's.
          LogContext.put(LogContext.REQUEST_ID, message.headers().get(BusHeaders.REQUEST_ID));
          LogContext.put(LogContext.USER_ID, message.headers().get(BusHeaders.USER_ID));
          Future<JsonObject> result;
          try {
            result = action.apply(message.body());
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          result
              .onSuccess(
                  reply -> {
                    outage.answered();
                    message.reply(reply, LocalJsonCodec.options());
                  })
              .onFailure(failure -> replyFailure(address, message, failure));
        };
    return vertx.eventBus().localConsumer(address, handler);
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

  /** Outcomes the repository signals on purpose; anything else is a database failure. */
  private static @Nullable BusFailure expectedFailure(Throwable failure) {
    if (failure instanceof NotFoundException) {
      return BusFailure.NOT_FOUND;
    }
    if (failure instanceof ForbiddenException) {
      return BusFailure.FORBIDDEN;
    }
    if (failure instanceof ConflictException) {
      return BusFailure.CONFLICT;
    }
    if (failure instanceof PreconditionFailedException) {
      return BusFailure.PRECONDITION_FAILED;
    }
    if (failure instanceof IdempotencyConflictException) {
      return BusFailure.UNPROCESSABLE;
    }
    if (failure instanceof UnauthorizedException) {
      return BusFailure.UNAUTHORIZED;
    }
    if (failure instanceof SchemaHealth.SchemaNotReadyException) {
      return BusFailure.UNAVAILABLE;
    }
    return null;
  }

  /**
   * A failure of the database itself is reported once per outage ({@link DependencyOutage}); each
   * request it fails is DEBUG. ERROR is kept for what nobody expects: a query the database refuses
   * for a reason of its own, which is a bug to fix.
   */
  private void replyFailure(String address, Message<JsonObject> message, Throwable failure) {
    BusFailure expected = expectedFailure(failure);
    if (expected != null) {
      expected.replyTo(message, failure.getMessage());
      return;
    }
    DatabaseFailures.Classified classified = DatabaseFailures.classify(failure);
    String requestId = message.headers().get(BusHeaders.REQUEST_ID);
    if (classified.failure() == BusFailure.INTERNAL) {
      LOG.error("{} failed for request {}", address, requestId, failure);
    } else {
      if (DatabaseFailures.outage(failure)) {
        outage.failed(failure);
      }
      LOG.debug("{} failed for request {}: {}", address, requestId, failure.toString());
    }
    classified.failure().replyTo(message, classified.detail());
  }
}
