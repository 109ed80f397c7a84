package dev.products.platform.config;

import java.util.List;

/**
 * Clustered mode: several instances as one Vert.x cluster (Hazelcast), so events published on the
 * event bus reach every node. Off by default: the same jar runs standalone.
 *
 * @param host the address other members reach this node at, for Hazelcast and the event bus
 * @param port the Hazelcast member port
 * @param eventBusPort the event bus's TCP port (0: any free port, advertised through Hazelcast)
 * @param members {@code host:port} of the members to join over TCP/IP (multicast is off)
 */
public record ClusterConfig(
    boolean enabled, String host, int port, int eventBusPort, List<String> members) {

  static ClusterConfig from(ConfigValues values) {
    List<String> members = values.list("CLUSTER_MEMBERS");
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      if (colon <= 0 || !member.substring(colon + 1).matches("\\d{1,5}")) {
        throw new ConfigException(
            "CLUSTER_MEMBERS",
            "expected host:port entries separated by commas, got '" + member + "'");
      }
    }
    return new ClusterConfig(
        values.bool("CLUSTER_ENABLED"),
        values.nonBlank("CLUSTER_HOST"),
        values.intBetween("CLUSTER_PORT", 1, 65535),
        values.intBetween("CLUSTER_EVENTBUS_PORT", 0, 65535),
        members);
  }
}
