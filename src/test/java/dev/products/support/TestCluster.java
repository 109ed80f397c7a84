package dev.products.support;

import dev.products.platform.cluster.ClusteredVertx;
import dev.products.platform.config.ClusterConfig;
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

  private TestCluster(List<Vertx> nodes, List<TestApp> apps) {
    this.nodes = nodes;
    this.apps = apps;
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
    return new TestCluster(nodes, apps);
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
  }
}
