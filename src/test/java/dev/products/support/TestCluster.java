package dev.products.support;

import dev.products.BuildInfo;
import dev.products.platform.cluster.ClusteredVertx;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.ClusterConfig;
import dev.products.platform.config.ConfigLoader;
import dev.products.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Several in-process nodes forming one real Hazelcast cluster on 127.0.0.1, each running the
 * service.
 */
public final class TestCluster implements AutoCloseable {

  private final List<Vertx> nodes;
  private final List<TestApp> apps;
  private final List<Tracing> tracings;

  private List<String> members = List.of();

  /** The members' Hazelcast addresses, {@code host:port}: for a node of the test's own to join. */
  public List<String> members() {
    return members;
  }

  private TestCluster(List<Vertx> nodes, List<TestApp> apps) {
    this(nodes, apps, List.of());
  }

  private TestCluster(List<Vertx> nodes, List<TestApp> apps, List<Tracing> tracings) {
    this.nodes = nodes;
    this.apps = apps;
    this.tracings = tracings;
  }

  /**
   * As {@link #start(int, JsonObject, java.util.function.IntFunction)}, each node with the tracing
   * its own {@code OTEL_*} settings describe, installed as {@code Main} installs it: a span's
   * context then crosses the cluster in the headers of the messages nodes send each other.
   */
  public static TestCluster startTraced(
      int size, JsonObject settings, java.util.function.IntFunction<JsonObject> nodeSettings) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(TestApp.freePort());
    }
    List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
    JsonObject shared =
        new JsonObject().put("REDIS_KEY_PREFIX", TestRedis.uniquePrefix()).mergeIn(settings);
    List<JsonObject> nodeConfigs = new ArrayList<>();
    List<Tracing> tracings = new ArrayList<>();
    Vertx bootstrap = Vertx.vertx();
    try {
      for (int i = 0; i < size; i++) {
        JsonObject node =
            shared.copy().put("HTTP_PORT", TestApp.freePort()).mergeIn(nodeSettings.apply(i));
        nodeConfigs.add(node);
        AppConfig config = ConfigLoader.load(bootstrap, TestApp.defaults().mergeIn(node)).await();
        tracings.add(Tracing.start(config.tracing(), BuildInfo.current().version()));
      }
    } finally {
      bootstrap.close().await();
    }
    List<Future<Vertx>> starting = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      starting.add(
          ClusteredVertx.start(
              new VertxOptions(),
              new ClusterConfig(true, "127.0.0.1", ports.get(i), 0, members),
              tracings.get(i)));
    }
    Future.all(starting).await();
    List<Vertx> nodes = starting.stream().map(Future::result).toList();
    List<TestApp> apps = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      apps.add(TestApp.start(nodes.get(i), nodeConfigs.get(i), tracings.get(i)));
    }
    TestCluster started = new TestCluster(nodes, apps, tracings);
    started.members = members;
    return started;
  }

  /**
   * {@code size} nodes, each with the service started with {@code settings} over the test defaults.
   */
  public static TestCluster start(int size, JsonObject settings) {
    return start(size, settings, node -> new JsonObject());
  }

  /** As {@link #start(int, JsonObject)}, with settings of each node's own over the shared ones. */
  public static TestCluster start(
      int size, JsonObject settings, java.util.function.IntFunction<JsonObject> nodeSettings) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(TestApp.freePort());
    }
    List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
    List<Future<Vertx>> starting =
        ports.stream()
            .map(
                port ->
                    ClusteredVertx.start(
                        new VertxOptions(), new ClusterConfig(true, "127.0.0.1", port, 0, members)))
            .toList();
    Future.all(starting).await();
    List<Vertx> nodes = starting.stream().map(Future::result).toList();
    List<TestApp> apps = new ArrayList<>();
    // One deployment: every node shares the Redis keys (counters, cache), as real replicas do.
    JsonObject shared =
        new JsonObject().put("REDIS_KEY_PREFIX", TestRedis.uniquePrefix()).mergeIn(settings);
    for (int i = 0; i < nodes.size(); i++) {
      apps.add(
          TestApp.start(
              nodes.get(i),
              shared.copy().put("HTTP_PORT", TestApp.freePort()).mergeIn(nodeSettings.apply(i))));
    }
    TestCluster started = new TestCluster(nodes, apps);
    started.members = members;
    return started;
  }

  public Vertx node(int index) {
    return nodes.get(index);
  }

  public TestApp app(int index) {
    return apps.get(index);
  }

  public int size() {
    return nodes.size();
  }

  /** Stops one node's service and leaves the cluster, as a node that is shut down does. */
  public void stop(int index) {
    apps.get(index).close();
    nodes.get(index).close().await();
  }

  @Override
  public void close() {
    for (int i = 0; i < nodes.size(); i++) {
      try {
        apps.get(i).close();
      } catch (RuntimeException alreadyStopped) {
        // stopped by the test
      }
      nodes.get(i).close().await();
    }
    tracings.forEach(Tracing::close);
  }
}
