package dev.products.platform.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.products.platform.config.ClusterConfig;
import dev.products.platform.metrics.MetricsSetup;
import dev.products.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A Vert.x instance that joins the cluster of {@code CLUSTER_MEMBERS} through Hazelcast: membership
 * over TCP/IP only (multicast and cloud discovery off), member and event bus addresses from config,
 * so nodes find each other the same way on a laptop, in compose, or on VMs.
 */
public final class ClusteredVertx {

  private ClusteredVertx() {}

  public static Future<Vertx> start(VertxOptions options, ClusterConfig cluster) {
    return start(options, cluster, Tracing.off());
  }

  /**
   * As {@link #start(VertxOptions, ClusterConfig)}, with {@code tracing}'s tracer installed when it
   * is on: a span's context then travels in the headers of messages sent to other nodes.
   */
  public static Future<Vertx> start(VertxOptions options, ClusterConfig cluster, Tracing tracing) {
    options.setEventBusOptions(
        new EventBusOptions()
            .setHost(cluster.host())
            .setPort(cluster.eventBusPort())
            .setClusterPublicHost(cluster.host()));
    return tracing
        .install(
            Vertx.builder()
                .with(options)
                .withMetrics(MetricsSetup.metricsFactory())
                .withClusterManager(new HazelcastClusterManager(hazelcast(cluster))))
        .buildClustered();
  }

  static Config hazelcast(ClusterConfig cluster) {
    // Vert.x's defaults (its maps, locks and the member attributes it needs), then our network.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("products-api");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A member that stops answering (killed, partitioned) is dropped within seconds, not the
    // default minute.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
    // A (re)starting member joins as soon as it has found the others: by default the master waits
    // 5 s for more joiners, up to 20 s while more keep coming, which made a restarted node take
    // half a minute to be a member again. The members are listed, so there is nobody to wait for.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "2");
    config
        .getNetworkConfig()
        .setPort(cluster.port())
        .setPortAutoIncrement(false)
        .setPublicAddress(cluster.host() + ":" + cluster.port());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        // A listed member that is down (the one restarting, often) is given up on after 2 s.
        .setConnectionTimeoutSeconds(2)
        .setMembers(
            cluster.members().isEmpty()
                ? java.util.List.of(cluster.host() + ":" + cluster.port())
                : cluster.members());
    return config;
  }
}
