package dev.products.platform.store;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.bus.BusFailureException;
import dev.products.platform.bus.BusHeaders;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.database.DatabaseFailures;
import dev.products.platform.database.SchemaHealth;
import dev.products.platform.logging.DependencyOutage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feature's store on the bus: answers that feature's addresses as local consumers, over the one
 * reactive PostgreSQL pool every store verticle of the instance shares (by name), and turns what
 * the SQL signals into bus failure codes. Each feature extends it with its own consumers, so the
 * SQL of a feature is answered by that feature's verticle.
 */
public abstract class StoreVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);
  static final String POOL_NAME = "products-pg-pool";

  protected final AppConfig config;
  private final DatabaseUrl databaseUrl;
  private final DependencyOutage outage;
  private @Nullable Pool pool;
  protected Bus bus;

  /**
   * Makes a store verticle.
   *
   * @param outage the database's outage reporting, shared with every other user of the database
   */
  protected StoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.outage = outage;
  }

  /** The feature's consumers, registered once the pool exists. */
  protected abstract List<MessageConsumer<?>> consumers(Pool pool);

  @Override
  public final Future<?> start() {
    Pool shared =
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
    pool = shared;
    bus = new Bus(vertx, config.bus());
    return Future.all(consumers(shared).stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    Pool shared = pool;
    return shared == null ? Future.succeededFuture() : shared.close();
  }

  /** A local consumer of {@code address} that replies with what {@code action} gives. */
  protected final <Q, R> MessageConsumer<Q> answer(
      Address<Q, R> address, Function<Q, Future<R>> action) {
    return bus.answer(
        address,
        request -> action.apply(request).onSuccess(reply -> outage.answered()),
        (message, failure) -> replyFailure(address.name(), message, failure));
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
  private void replyFailure(String address, Message<?> message, Throwable failure) {
    if (failure instanceof BusFailureException refused) {
      refused.failure().replyTo(message, refused.getMessage());
      return;
    }
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
