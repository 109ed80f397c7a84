package dev.products.products;

import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.cluster.ClusterMembership;
import dev.products.platform.config.BusConfig;
import dev.products.platform.config.RedisConfig;
import dev.products.platform.config.RedisUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.redis.RedisEndpoint;
import dev.products.platform.redis.RedisOutage;
import dev.products.products.CacheBus.Written;
import dev.products.products.ProductsBus.ById;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that speaks Redis for caching: a read-through cache of single products.
 *
 * <ul>
 *   <li>A miss loads the product from the repository and stores it; concurrent misses for one id on
 *       this verticle instance share one load.
 *   <li>After every committed write the products store waits for {@link CacheBus#WRITTEN}: the
 *       entry becomes a marker that refuses older copies, on every node (Redis is shared), and a
 *       load still in flight on any instance of this process is no longer shared with later
 *       readers.
 *   <li>Redis failing or slow (bounded by REDIS_TIMEOUT) never fails a read: it goes to the
 *       repository, Redis is left alone for a moment, and markers that could not be written are
 *       written when Redis answers again; until then their ids are read from the repository.
 *   <li>Every node hears every committed update and delete (the product events, published across
 *       the cluster after commit, not through Redis) and refuses a cached copy older than it
 *       ({@link VersionFloors}): the writer's marker may not have reached Redis (it is cut off from
 *       Redis while the others are not), or Redis may have come back with copies saved before the
 *       write.
 * </ul>
 *
 * Deployed as many times as the HTTP verticle, so cache reads scale with the event loops. The loads
 * in flight are each instance's own; what a write changes for all of them (the write generations,
 * the pending markers) is in the {@link CacheWrites} they share, since {@link CacheBus#WRITTEN}
 * reaches only one of them.
 */
public final class CacheVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CacheVerticle.class);
  private static final long PENDING_MARKERS_EVERY_MS = 1_000;
  private static final long FLOOR_SWEEP_EVERY_MS = 10_000;

  private final RedisUrl url;
  private final RedisConfig redisConfig;
  private final Duration ttl;
  private final MeterRegistry registry;
  private final BusConfig busConfig;
  private final Map<Long, Load> loading = new HashMap<>();
  private final CacheWrites writes;
  private final VersionFloors floors;
  private Bus bus;
  private Redis redis;
  private ProductCache cache;
  private final RedisOutage outage = new RedisOutage();
  private final DependencyOutage redisOutage;
  private Counter hits;
  private Counter misses;
  private Counter stale;
  private Counter errors;
  private Counter loads;

  /** A repository read in flight, and the write generation of its id when it began. */
  private record Load(long generation, Future<Product> product) {}

  /**
   * @param writes what all instances of this process know about writes: one object per process
   * @param floors the newest versions heard committed anywhere in the cluster: one per process
   * @param redisOutage Redis's outage reporting, shared with the rate limits
   */
  public CacheVerticle(
      RedisUrl url,
      RedisConfig redisConfig,
      Duration ttl,
      MeterRegistry registry,
      CacheWrites writes,
      VersionFloors floors,
      DependencyOutage redisOutage,
      BusConfig busConfig) {
    this.url = url;
    this.writes = writes;
    this.floors = floors;
    this.busConfig = busConfig;
    this.redisConfig = redisConfig;
    this.ttl = ttl;
    this.registry = registry;
    this.redisOutage = redisOutage;
  }

  @Override
  public Future<?> start() {
    bus = new Bus(vertx, busConfig);
    redis = RedisEndpoint.client(vertx, url, "cache-redis", 8);
    cache = new ProductCache(redis, redisConfig.keyPrefix(), ttl, redisConfig.timeout());
    hits = counter("hit");
    misses = counter("miss");
    // A copy Redis held that was older than a write heard from the cluster: read afresh instead.
    stale = counter("stale");
    errors =
        Counter.builder("cache.errors")
            .description("Cache operations Redis failed or did not answer in time")
            .register(registry);
    loads =
        Counter.builder("cache.loads")
            .description("Products loaded from the repository on a miss")
            .register(registry);
    vertx.setPeriodic(PENDING_MARKERS_EVERY_MS, id -> writePendingMarkers());
    vertx.setPeriodic(FLOOR_SWEEP_EVERY_MS, id -> floors.sweep());
    ClusterMembership cluster = ClusterMembership.of(vertx);
    return Future.all(
        cluster == null
            ? Future.succeededFuture()
            : vertx
                .eventBus()
                .<JsonObject>consumer(CacheBus.floorAddress(cluster.nodeId()), this::floorAsked)
                .completion(),
        vertx.eventBus().<JsonObject>consumer(ProductEvents.UPDATED, this::heard).completion(),
        vertx.eventBus().<JsonObject>consumer(ProductEvents.DELETED, this::heard).completion(),
        bus.answer(CacheBus.PRODUCT, this::product).completion(),
        bus.answer(CacheBus.WRITTEN, this::written, this::writtenNotTaken).completion());
  }

  private Counter counter(String result) {
    return Counter.builder("cache.requests")
        .description("Product reads by the cache")
        .tag("result", result)
        .register(registry);
  }

  private Future<Product> product(ById request) {
    long id = request.id();
    return cached(id)
        .compose(
            found -> {
              if (found != null && !floors.refuses(id, found.version())) {
                hits.increment();
                return Future.succeededFuture(found);
              }
              (found == null ? misses : stale).increment();
              return load(id);
            });
  }

  /**
   * A product event from any node (created ones need no floor: nothing older can be cached). Loads
   * in flight here began before the write, so later readers no longer join them either.
   */
  private void heard(Message<JsonObject> event) {
    JsonObject body = event.body();
    heardWrite(
        body.getLong("id"),
        ProductEvents.DELETED.equals(event.address())
            ? CacheBus.DELETED
            : body.getInteger("version"));
  }

  /** A writer whose marker Redis refused waits for this answer before it acknowledges. */
  private void floorAsked(Message<JsonObject> request) {
    heardWrite(request.body().getLong("id"), request.body().getInteger("version"));
    request.reply(null);
  }

  private void heardWrite(long id, int version) {
    writes.written(id);
    floors.heard(id, version);
  }

  private Future<@Nullable Product> cached(long id) {
    if (outage.skipping() || writes.markerPending(id)) {
      return Future.succeededFuture();
    }
    return cache
        .get(id)
        .onSuccess(found -> redisAnswered())
        .recover(
            failure -> {
              redisFailed(failure);
              return Future.succeededFuture();
            });
  }

  /**
   * One repository read per id at a time; the result is stored for everyone. A read in flight is
   * joined only if no write of the id was taken since it began (on whichever instance): the
   * generation is read before the repository is asked, so a load is never newer than its tag.
   */
  private Future<Product> load(long id) {
    long generation = writes.generation(id);
    Load inFlight = loading.get(id);
    if (inFlight != null && inFlight.generation() == generation) {
      return inFlight.product();
    }
    loads.increment();
    Future<Product> loaded = bus.request(ProductsBus.GET, new ById(id));
    Load load = new Load(generation, loaded);
    loading.put(id, load);
    return loaded
        .andThen(done -> loading.remove(id, load))
        .onSuccess(
            product -> {
              if (!outage.skipping()) {
                cache.put(product).onFailure(this::redisFailed);
              }
            });
  }

  private Future<Void> written(Written write) {
    // A load that began before this write, on any instance, must not be shared with readers who
    // come after it: advanced before the reply, so every later reader sees it.
    writes.written(write.id());
    return mark(write.id(), write.version());
  }

  private void writtenNotTaken(Message<Written> message, Throwable failure) {
    BusFailure.UNAVAILABLE.replyTo(message, "the cache did not take the write; retried later");
  }

  private Future<Void> mark(long id, int version) {
    if (outage.skipping()) {
      writes.markerPending(id, version);
      return Future.failedFuture("Redis is unavailable");
    }
    return cache
        .markWritten(id, version)
        .onSuccess(
            v -> {
              writes.markerWritten(id, version);
              redisAnswered();
            })
        .onFailure(
            failure -> {
              redisFailed(failure);
              writes.markerPending(id, version);
            });
  }

  private void writePendingMarkers() {
    Map<Long, Integer> batch = writes.pendingMarkers();
    if (batch.isEmpty() || outage.skipping()) {
      return;
    }
    batch.forEach(
        (id, version) ->
            mark(id, version)
                .onSuccess(
                    v ->
                        LOG.debug(
                            "Marked product {} written in the cache after Redis came back", id)));
  }

  private void redisAnswered() {
    outage.answered();
    redisOutage.answered();
  }

  private void redisFailed(Throwable failure) {
    errors.increment();
    outage.failed();
    redisOutage.failed(failure);
    LOG.debug("A cache operation failed: {}", failure.toString());
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
