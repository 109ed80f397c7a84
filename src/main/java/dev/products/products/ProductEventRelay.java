package dev.products.products;

import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.cluster.ClusterMembership;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.config.EventsConfig;
import dev.products.platform.tracing.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox (V13): numbers the committed product events in commit order and publishes
 * them on the event bus, cluster-wide, at least once. One verticle per node; one node relays at a
 * time, the one whose own PostgreSQL connection holds the relay's advisory lock, so every consumer
 * hears one publisher and gets the events in order. When that node dies, its connection closes,
 * PostgreSQL frees the lock, and another node's relay takes it within {@code EVENT_RELAY_INTERVAL},
 * publishing again from the last progress the dead one recorded: nothing numbered is lost, and the
 * repeats carry the ids consumers have already seen.
 *
 * <p>A write tells its node's relay at once ({@link ProductEvents#RECORDED}); a node that does not
 * relay passes that on to the one that does ({@link ProductEvents#RELAY_NUDGE}). The periodic tick
 * covers a writer that died between its COMMIT and that word.
 */
public final class ProductEventRelay extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ProductEventRelay.class);

  /** The advisory lock only the relaying node holds ("prodevts" in ASCII). */
  static final long LOCK_KEY = 0x70726f6465767473L;

  private static final int BATCH = 500;

  /**
   * Numbers what has committed and is not numbered yet, in the order it was recorded. The
   * sequence's values are taken in the sorted subquery's order, so within a batch too event ids
   * follow the writes.
   */
  private static final String NUMBER =
      "UPDATE product_events e SET event_id = n.next_id FROM ("
          + "SELECT seq, nextval('product_event_ids') AS next_id FROM ("
          + "SELECT seq FROM product_events WHERE event_id IS NULL ORDER BY seq LIMIT $1) pending) n"
          + " WHERE e.seq = n.seq RETURNING "
          + ProductEvent.COLUMNS
          + ", traceparent";

  private static final String NUMBERED_AFTER =
      "SELECT "
          + ProductEvent.COLUMNS
          + ", traceparent FROM product_events WHERE event_id > $1 ORDER BY event_id LIMIT $2";

  private static final String PROGRESS = "SELECT published_through FROM product_event_relay";

  private static final String PUBLISHED =
      "UPDATE product_event_relay SET published_through = $1 WHERE published_through < $1";

  private final DatabaseUrl databaseUrl;
  private final EventsConfig config;
  private final MeterRegistry registry;
  private @Nullable PgConnection connection;
  private boolean relaying;
  private boolean connecting;
  private boolean running;
  private boolean again;

  /** Events numbered by an earlier relay may not have been published: read them first. */
  private boolean catchingUp;

  private long publishedThrough;
  private boolean nudgePending;
  private @Nullable MessageConsumer<Void> nudges;
  private long ticker = -1;
  private Counter published;
  private DeliveryOptions publishOptions = new DeliveryOptions();

  /** An event as the relay reads it: with the writer's span, to publish it in that trace. */
  private record Numbered(ProductEvent event, @Nullable String traceparent) {}

  public ProductEventRelay(DatabaseUrl databaseUrl, EventsConfig config, MeterRegistry registry) {
    this.databaseUrl = databaseUrl;
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    published =
        Counter.builder("product_events_published")
            .description("Product events this node published from the outbox (repeats included)")
            .register(registry);
    Gauge.builder("product_event_relay_active", this, relay -> relay.relaying ? 1 : 0)
        .description("1 on the node that relays the product events, 0 elsewhere")
        .register(registry);
    // Clustered, the events go over the wire in Vert.x's own JSON codec, so a consumer that is not
    // this service (another Vert.x service in the cluster) can decode them; standalone, local
    // consumers share the one object instead of each getting a copy.
    publishOptions =
        ClusterMembership.of(vertx) == null
            ? LocalJsonCodec.publishOptions()
            : new DeliveryOptions();
    ticker = vertx.setPeriodic(config.relayInterval().toMillis(), id -> tick());
    MessageConsumer<Void> recorded =
        vertx.eventBus().localConsumer(ProductEvents.RECORDED, message -> recorded());
    tick();
    return recorded.completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(ticker);
    PgConnection held = connection;
    connection = null;
    relaying = false;
    // Closing the connection frees the lock: another node takes over at its next tick.
    return held == null ? Future.succeededFuture() : held.close();
  }

  private void tick() {
    if (relaying) {
      relay();
    } else {
      tryToRelay();
    }
  }

  /** A write on this node recorded events. */
  private void recorded() {
    if (relaying) {
      relay();
      return;
    }
    ClusterMembership cluster = ClusterMembership.of(vertx);
    if (cluster == null || nudgePending) {
      return;
    }
    // One word per millisecond at most, however many writes: the relay reads all that is pending.
    nudgePending = true;
    vertx.setTimer(
        1,
        id -> {
          nudgePending = false;
          vertx.eventBus().send(ProductEvents.RELAY_NUDGE, null);
        });
  }

  private void tryToRelay() {
    if (connecting) {
      return;
    }
    connecting = true;
    Future<PgConnection> connected =
        connection != null
            ? Future.succeededFuture(connection)
            : PgConnection.connect(vertx, databaseUrl.connectOptions())
                .onSuccess(
                    opened -> {
                      connection = opened;
                      opened.closeHandler(v -> lost(opened));
                      opened.exceptionHandler(
                          failure -> LOG.debug("Relay connection: {}", failure));
                    });
    connected
        .compose(
            conn ->
                conn.query("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")
                    .execute()
                    .compose(
                        rows ->
                            rows.iterator().next().getBoolean(0)
                                ? conn.query(PROGRESS)
                                    .execute()
                                    .map(progress -> progress.iterator().next().getLong(0))
                                : Future.succeededFuture((Long) null)))
        .compose(
            progress -> {
              if (progress == null) {
                return Future.succeededFuture();
              }
              publishedThrough = progress;
              catchingUp = true;
              relaying = true;
              LOG.info("This node relays the product events now (published through {})", progress);
              nudges = vertx.eventBus().consumer(ProductEvents.RELAY_NUDGE, message -> relay());
              relay();
              return nudges.completion();
            })
        .onComplete(
            done -> {
              connecting = false;
              if (done.failed()) {
                LOG.debug("Could not take the event relay: {}", done.cause().toString());
                PgConnection broken = connection;
                connection = null;
                if (broken != null) {
                  broken.close();
                }
              }
            });
  }

  /** The connection that held the lock is gone: so is the lock. */
  private void lost(PgConnection closed) {
    if (connection != closed) {
      return;
    }
    connection = null;
    if (relaying) {
      relaying = false;
      // INFO: a stop closes it too; a database outage is reported (ERROR) by the stores.
      LOG.info(
          "This node stopped relaying the product events: its database connection closed;"
              + " a node that reaches the database takes over");
      MessageConsumer<Void> consumer = nudges;
      nudges = null;
      if (consumer != null) {
        consumer.unregister();
      }
    }
  }

  /** Runs one batch, or marks that another is wanted once the one running ends. */
  private void relay() {
    if (running) {
      again = true;
      return;
    }
    PgConnection conn = connection;
    if (!relaying || conn == null) {
      return;
    }
    running = true;
    again = false;
    relayBatch(conn)
        .onComplete(
            full -> {
              running = false;
              if (full.failed()) {
                LOG.debug("Relaying product events failed: {}", full.cause().toString());
              } else if (full.result() || again) {
                relay();
              }
            });
  }

  /**
   * Numbers, publishes and records the progress of up to {@link #BATCH} events.
   *
   * @return whether the batch was full (more may be waiting)
   */
  private Future<Boolean> relayBatch(PgConnection conn) {
    Future<RowSet<Row>> batch =
        catchingUp
            ? conn.preparedQuery(NUMBER)
                .execute(Tuple.of(BATCH))
                .compose(
                    numbered ->
                        conn.preparedQuery(NUMBERED_AFTER)
                            .execute(Tuple.of(publishedThrough, BATCH)))
            : conn.preparedQuery(NUMBER).execute(Tuple.of(BATCH));
    return batch.compose(
        rows -> {
          List<Numbered> events = new ArrayList<>(rows.size());
          rows.forEach(
              row ->
                  events.add(
                      new Numbered(ProductEvent.fromRow(row), row.getString("traceparent"))));
          if (catchingUp && events.size() < BATCH) {
            catchingUp = false;
          }
          if (events.isEmpty()) {
            return Future.succeededFuture(false);
          }
          events.sort(Comparator.comparingLong(numbered -> numbered.event().eventId()));
          for (Numbered numbered : events) {
            ProductEvent event = numbered.event();
            // In the trace of the request that wrote it, when it was traced.
            TraceContext.runAsChildOf(
                context,
                numbered.traceparent(),
                () -> vertx.eventBus().publish(event.type(), event.toJson(), publishOptions));
          }
          published.increment(events.size());
          long last = events.get(events.size() - 1).event().eventId();
          publishedThrough = Math.max(publishedThrough, last);
          return conn.preparedQuery(PUBLISHED)
              .execute(Tuple.of(publishedThrough))
              .map(v -> events.size() == BATCH);
        });
  }
}
