package dev.products.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Outgoing e-mail: {@code SMTP_URL} as {@code smtp://[user:password@]host[:port]} (STARTTLS when
 * the server offers it) or {@code smtps://} (TLS from the start); empty writes mails to the log.
 */
public record MailConfig(Optional<Smtp> smtp, String from) {

  /** One SMTP server. */
  public record Smtp(
      String host, int port, boolean tls, @Nullable String user, @Nullable String password) {

    @Override
    public String toString() {
      return (tls ? "smtps://" : "smtp://") + host + ":" + port;
    }
  }

  static MailConfig from(ConfigValues values) {
    String url = values.optionalString("SMTP_URL");
    return new MailConfig(
        Optional.ofNullable(url).map(MailConfig::parse), values.nonBlank("MAIL_FROM"));
  }

  private static Smtp parse(String value) {
    String expected = "expected smtp://[user:password@]host[:port] or smtps://...";
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException("SMTP_URL", "not a URL; " + expected);
    }
    boolean tls = "smtps".equals(uri.getScheme());
    if ((!tls && !"smtp".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new ConfigException("SMTP_URL", "not an SMTP URL; " + expected);
    }
    @Nullable String user = null;
    @Nullable String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
    }
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 465 : 587;
    return new Smtp(uri.getHost(), port, tls, user, password);
  }
}
