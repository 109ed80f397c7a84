package dev.products.platform.config;

import java.time.Duration;

/**
 * The product events' outbox (V13): how long events are kept for subscribers that resume, and how
 * often the relay looks for recorded events without being told of them.
 *
 * @param retention how long a published event can still be replayed to a subscriber resuming after
 *     it; older ones are deleted by housekeeping
 * @param relayInterval how often each node's relay tries to become the relaying node, and the
 *     relaying node numbers what no write told it about (a writer that died right after COMMIT)
 */
public record EventsConfig(Duration retention, Duration relayInterval) {

  static EventsConfig from(ConfigValues values) {
    return new EventsConfig(
        values.positiveDuration("EVENT_RETENTION"),
        values.positiveDuration("EVENT_RELAY_INTERVAL"));
  }
}
