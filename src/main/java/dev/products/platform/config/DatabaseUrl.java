package dev.products.platform.config;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where PostgreSQL lives, parsed from {@code postgresql://user:password@host:port/database}. Both
 * the reactive client and Flyway's JDBC connection are derived from it, so they never disagree.
 */
public record DatabaseUrl(
    String host,
    int port,
    String database,
    String user,
    @Nullable String password,
    SslMode sslMode) {

  private static final int DEFAULT_PORT = 5432;

  public static DatabaseUrl parse(String key, String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(
          key,
          "not a URL ("
              + e.getReason()
              + "); expected postgresql://user:password@host:port/database");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
      throw new ConfigException(
          key, "scheme must be postgresql://, got " + (scheme == null ? "none" : scheme + "://"));
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new ConfigException(
          key, "no host; expected postgresql://user:password@host:port/database");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    if (database.isBlank() || database.contains("/")) {
      throw new ConfigException(
          key, "no database name; expected postgresql://user:password@host:port/database");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    String user = "postgres";
    @Nullable String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    return new DatabaseUrl(
        uri.getHost(), port, database, user, password, sslMode(key, uri.getRawQuery()));
  }

  private static SslMode sslMode(String key, String query) {
    if (query == null) {
      return SslMode.DISABLE;
    }
    for (String pair : query.split("&", -1)) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals("sslmode") && kv.length == 2) {
        try {
          return SslMode.of(kv[1].toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(key, "unknown sslmode " + kv[1]);
        }
      }
    }
    return SslMode.DISABLE;
  }

  /** Percent-decoding only: in a URL's user info a {@code +} is a plus, not a space. */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  public static DatabaseUrl local(int port, String database, String user) {
    return new DatabaseUrl("localhost", port, database, user, null, SslMode.DISABLE);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(host)
            .setPort(port)
            .setDatabase(database)
            .setUser(user)
            .setSslMode(sslMode)
            .setCachePreparedStatements(true)
            .setPipeliningLimit(256)
            // A span per query when the caller is in a trace (a request, a bus hop, a job run);
            // none for the service's own polling. Only with tracing on (Tracing).
            .setTracingPolicy(TracingPolicy.PROPAGATE);
    if (password != null) {
      options.setPassword(password);
    }
    if (sslMode == SslMode.ALLOW || sslMode == SslMode.PREFER || sslMode == SslMode.REQUIRE) {
      // libpq semantics: these modes encrypt but do not verify the server certificate.
      options.setSslOptions(new ClientSSLOptions().setTrustAll(true));
    }
    return options;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode.value;
  }

  /**
   * The URL itself, password included: for handing to another process or config, never for logs.
   */
  public String toUri() {
    String credentials = encode(user) + (password == null ? "" : ":" + encode(password));
    return "postgresql://"
        + credentials
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database
        + "?sslmode="
        + sslMode.value;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Safe to log: never shows the password. */
  public String display() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return display();
  }
}
