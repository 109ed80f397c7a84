package dev.products.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Error tracking with Sentry: on when {@code SENTRY_DSN} is set, silent when it is not.
 *
 * @param environment reported with every event; defaults to the profile name
 */
public record ErrorTrackingConfig(Optional<String> dsn, String environment) {

  static ErrorTrackingConfig from(ConfigValues values, Profile profile) {
    String dsn = values.optionalString("SENTRY_DSN");
    if (dsn != null) {
      validate(dsn);
    }
    String environment = values.optionalString("SENTRY_ENVIRONMENT");
    return new ErrorTrackingConfig(
        Optional.ofNullable(dsn),
        environment == null ? profile.name().toLowerCase(java.util.Locale.ROOT) : environment);
  }

  private static void validate(String dsn) {
    String expected = "expected https://<public key>@<host>/<project id>";
    try {
      URI uri = new URI(dsn);
      boolean ok =
          ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
              && uri.getUserInfo() != null
              && uri.getHost() != null
              && uri.getPath() != null
              && uri.getPath().matches("(/[^/]+)*/\\d+/?");
      if (!ok) {
        throw new ConfigException("SENTRY_DSN", "not a Sentry DSN; " + expected);
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("SENTRY_DSN", "not a URL; " + expected);
    }
  }

  /** For logs: the DSN's key is not printed. */
  @Override
  public String toString() {
    return "ErrorTracking["
        + (dsn.isPresent() ? "sentry, environment=" + environment : "off")
        + "]";
  }
}
