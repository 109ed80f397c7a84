package dev.products.platform.config;

import java.time.Duration;

/**
 * Live product updates over WebSocket ({@code /ws/products}) and the SockJS event bus bridge.
 *
 * @param maxConnectionsPerUser sockets one user may hold open on one instance
 * @param maxQueuedMessages events waiting to be written to one subscriber before it is closed as
 *     too slow
 * @param pingInterval how often the server pings; a peer silent for two intervals is closed
 * @param authTimeout how long a socket may stay open without authenticating
 */
public record LiveConfig(
    int maxConnectionsPerUser, int maxQueuedMessages, Duration pingInterval, Duration authTimeout) {

  static LiveConfig from(ConfigValues values) {
    return new LiveConfig(
        values.intBetween("WS_MAX_CONNECTIONS_PER_USER", 1, 10_000),
        values.intBetween("WS_MAX_QUEUED_MESSAGES", 1, 1_000_000),
        values.positiveDuration("WS_PING_INTERVAL"),
        values.positiveDuration("WS_AUTH_TIMEOUT"));
  }
}
