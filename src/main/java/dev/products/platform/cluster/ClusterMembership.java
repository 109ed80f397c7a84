package dev.products.platform.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import org.jspecify.annotations.Nullable;

/** What this node knows of its cluster: for readiness and for the member-count metric. */
public final class ClusterMembership {

  private final ClusterManager manager;

  private ClusterMembership(ClusterManager manager) {
    this.manager = manager;
  }

  /** Returns null when the instance runs standalone. */
  public static @Nullable ClusterMembership of(Vertx vertx) {
    return vertx.isClustered()
        ? new ClusterMembership(((VertxInternal) vertx).clusterManager())
        : null;
  }

  /** This node's id in the cluster. */
  public String nodeId() {
    return manager.getNodeId();
  }

  /** The ids of the other members, as this node sees them now. */
  public java.util.List<String> otherNodes() {
    if (!manager.isActive()) {
      return java.util.List.of();
    }
    String self = manager.getNodeId();
    return manager.getNodes().stream().filter(node -> !node.equals(self)).toList();
  }

  public int members() {
    return manager.isActive() ? manager.getNodes().size() : 0;
  }

  /** Readiness {@code cluster}: UP with the member count while this node is part of the cluster. */
  public void registerCheck(HealthChecks checks) {
    checks.register(
        "cluster",
        promise ->
            promise.complete(
                manager.isActive()
                    ? Status.OK(
                        new JsonObject().put("members", members()).put("node", manager.getNodeId()))
                    : Status.KO(new JsonObject().put("reason", "this node has left the cluster"))));
  }

  /**
   * {@code cluster_members}: how many nodes this node sees, so a split shows as differing counts.
   */
  public void registerGauge(MeterRegistry registry) {
    Gauge.builder("cluster_members", this, ClusterMembership::members)
        .description("Members of the Vert.x cluster as this node sees them")
        .strongReference(true)
        .register(registry);
  }
}
