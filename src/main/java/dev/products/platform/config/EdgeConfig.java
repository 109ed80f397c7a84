package dev.products.platform.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The HTTP edge: browsers' origins, accepted hosts, believed proxies, TLS, time limits. */
public record EdgeConfig(
    List<String> corsOrigins,
    List<String> allowedHosts,
    List<String> trustedProxies,
    @Nullable Path tlsCertPath,
    @Nullable Path tlsKeyPath,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration requestTimeout) {

  static EdgeConfig from(ConfigValues values, Profile profile) {
    List<String> origins = values.list("CORS_ORIGINS");
    for (String origin : origins) {
      if (origin.equals("*") || !origin.matches("https?://[^/\\s]+")) {
        throw new ConfigException(
            "CORS_ORIGINS",
            "each origin must be scheme://host[:port] (never *), got \"" + origin + "\"");
      }
    }
    List<String> hosts = values.list("ALLOWED_HOSTS");
    if (hosts.isEmpty() && profile.isProd()) {
      throw new ConfigException("ALLOWED_HOSTS", "is required in the prod profile");
    }
    Path cert = optionalFile(values, "TLS_CERT_PATH");
    Path key = optionalFile(values, "TLS_KEY_PATH");
    if ((cert == null) != (key == null)) {
      throw new ConfigException(
          cert == null ? "TLS_CERT_PATH" : "TLS_KEY_PATH",
          "must be set together with the other TLS_*_PATH");
    }
    return new EdgeConfig(
        origins,
        hosts,
        values.list("TRUSTED_PROXIES"),
        cert,
        key,
        values.positiveDuration("IDLE_TIMEOUT"),
        values.positiveDuration("HEADER_TIMEOUT"),
        values.positiveDuration("REQUEST_TIMEOUT"));
  }

  private static @Nullable Path optionalFile(ConfigValues values, String key) {
    String path = values.optionalString(key);
    if (path == null) {
      return null;
    }
    Path file = Path.of(path);
    if (!Files.isReadable(file)) {
      throw new ConfigException(key, "cannot read " + file.toAbsolutePath());
    }
    return file;
  }

  public boolean tls() {
    return tlsCertPath != null;
  }
}
