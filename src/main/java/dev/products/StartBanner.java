package dev.products;

import dev.products.platform.config.AppConfig;
import java.util.Locale;
import java.util.Set;

/**
 * The one message a person starting the service reads: which build is up, the URL to open, what it
 * stores its data in, and how to get an admin. It goes through the logger (one event, several
 * lines) so that with {@code LOG_FORMAT=json} it is still one JSON object per line.
 */
final class StartBanner {

  /** Addresses that mean "every interface": no browser opens them, localhost reaches them. */
  private static final Set<String> WILDCARD_HOSTS =
      Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "*");

  private StartBanner() {}

  /**
   * @param database what {@code Database.describe()} says (never a password)
   * @param redis what {@code RedisEndpoint.describe()} says (never a password)
   */
  static String text(AppConfig config, int httpInstances, String database, String redis) {
    BuildInfo build = BuildInfo.current();
    String base = baseUrl(config);
    return build.service()
        + " "
        + build.version()
        + " is ready: "
        + base
        + "/docs"
        + "\n  listening on "
        + config.httpHost()
        + ":"
        + config.httpPort()
        + " with "
        + httpInstances
        + " HTTP instance(s), profile "
        + config.profile().name().toLowerCase(Locale.ROOT)
        + "\n  database: "
        + database
        + "\n  redis:    "
        + redis
        + "\n  admin:    "
        + admin(config);
  }

  /** Where a browser on this machine (or the named host) reaches the service. */
  static String baseUrl(AppConfig config) {
    String host = config.httpHost();
    if (WILDCARD_HOSTS.contains(host)) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return (config.edge().tls() ? "https" : "http") + "://" + host + ":" + config.httpPort();
  }

  private static String admin(AppConfig config) {
    return config
        .adminEmail()
        // The address stays out: this is a log line, and logs name accounts by id alone.
        .map(
            email ->
                "the account of ADMIN_EMAIL is made the admin at start while no admin exists; an"
                    + " admin promotes others with PATCH /users/{id}")
        .orElse(
            "none configured; to make one, start with ADMIN_EMAIL=you@example.com"
                + " ADMIN_PASSWORD=<8+ characters> (used while no admin exists; an existing"
                + " account with that e-mail is promoted)");
  }
}
