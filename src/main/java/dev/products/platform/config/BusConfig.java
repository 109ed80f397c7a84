package dev.products.platform.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How long a request on the event bus may wait for its reply.
 *
 * @param timeout every address's wait unless {@code timeouts} names it
 * @param timeouts waits of particular addresses, by address
 */
public record BusConfig(Duration timeout, Map<String, Duration> timeouts) {

  private static final Pattern ADDRESS = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");

  public BusConfig {
    timeouts = Map.copyOf(timeouts);
  }

  /** The wait of one address, in milliseconds. */
  public long timeoutOf(String address) {
    return timeouts.getOrDefault(address, timeout).toMillis();
  }

  /** {@code BUS_TIMEOUT} and {@code BUS_TIMEOUTS} ({@code address=duration,…}). */
  static BusConfig from(ConfigValues values) {
    Duration timeout = values.positiveDuration("BUS_TIMEOUT");
    Map<String, Duration> timeouts = new LinkedHashMap<>();
    String list = values.optionalString("BUS_TIMEOUTS");
    if (list != null) {
      for (String entry : list.split(",", -1)) {
        String[] pair = entry.split("=", 2);
        String address = pair[0].trim();
        if (pair.length != 2 || !ADDRESS.matcher(address).matches()) {
          throw new ConfigException(
              "BUS_TIMEOUTS",
              "must be address=duration pairs separated by commas, e.g."
                  + " products.list=2s,cache.products.written=500ms; got \""
                  + entry.trim()
                  + "\"");
        }
        timeouts.put(address, ConfigValues.parsePositiveDuration("BUS_TIMEOUTS", pair[1]));
      }
    }
    return new BusConfig(timeout, timeouts);
  }
}
