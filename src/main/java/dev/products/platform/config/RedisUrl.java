package dev.products.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Where Redis lives, parsed from {@code redis://[[user]:password@]host[:port][/db]} ({@code
 * rediss://} for TLS). Parsed here so a malformed value stops the start instead of failing on the
 * first request.
 */
public record RedisUrl(
    boolean tls,
    String host,
    int port,
    int database,
    @Nullable String user,
    @Nullable String password) {

  private static final int DEFAULT_PORT = 6379;
  private static final String EXPECTED = "expected redis://[:password@]host[:port][/db]";

  public static RedisUrl parse(String key, String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "not a URL (" + e.getReason() + "); " + EXPECTED);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
      throw new ConfigException(
          key,
          "scheme must be redis:// or rediss://, got "
              + (scheme == null ? "none" : scheme + "://"));
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new ConfigException(key, "no host; " + EXPECTED);
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    @Nullable String user = null;
    @Nullable String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = parts[0].isEmpty() ? null : decode(parts[0]);
      password = parts.length > 1 && !parts[1].isEmpty() ? decode(parts[1]) : null;
    }
    return new RedisUrl(
        scheme.equals("rediss"), uri.getHost(), port, database(key, uri.getPath()), user, password);
  }

  private static int database(String key, String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      int db = Integer.parseInt(path.substring(1));
      if (db >= 0) {
        return db;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ConfigException(
        key, "the path must be a database number, got \"" + path + "\"; " + EXPECTED);
  }

  /** Percent-decoding only: in a URL's user info a {@code +} is a plus, not a space. */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  public static RedisUrl local(int port) {
    return new RedisUrl(false, "127.0.0.1", port, 0, null, null);
  }

  /** The endpoint for the Redis client, credentials included. */
  public String connectionString() {
    StringBuilder s = new StringBuilder(tls ? "rediss://" : "redis://");
    if (password != null) {
      s.append(user == null ? "" : encode(user)).append(':').append(encode(password)).append('@');
    }
    return s.append(host).append(':').append(port).append('/').append(database).toString();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** For logs: never the password. */
  public String display() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return display();
  }
}
