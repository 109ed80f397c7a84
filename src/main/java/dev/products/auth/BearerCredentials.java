package dev.products.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code Authorization} header as RFC 6750 §2.1 defines it before the JWT handler sees
 * it. vertx-web answers 400 to a header without a scheme ({@code Authorization: <jwt>}) or with an
 * empty credential ({@code Bearer }); to a resource server those are a missing or unusable bearer
 * credential: 401 with a challenge. Only a compact JWS (three base64url segments) reaches the JWT
 * handler, so it never has a malformed token to complain about.
 */
final class BearerCredentials implements JWTAuthHandler {

  private static final Pattern BEARER =
      Pattern.compile("(?i:bearer) +([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*)");
  private static final Pattern BEARER_SCHEME = Pattern.compile("(?i:bearer)( .*)?");

  private final JWTAuthHandler jwt;

  BearerCredentials(JWTAuthHandler jwt) {
    this.jwt = jwt;
  }

  @Override
  public void handle(RoutingContext rc) {
    String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || BEARER.matcher(authorization.trim()).matches()) {
      jwt.handle(rc);
      return;
    }
    String value = authorization.trim();
    if (!BEARER_SCHEME.matcher(value).matches()) {
      // Another scheme, or a bare token read as one: no credential of ours was offered (RFC 6750
      // §3: no error code).
      refuse(
          rc,
          BearerAuthentication.CHALLENGE,
          "A bearer token is required: Authorization: Bearer <token>");
    } else if (value.length() <= "bearer".length()
        || value.substring("bearer".length()).isBlank()) {
      refuse(rc, BearerAuthentication.CHALLENGE, "The bearer token is empty");
    } else {
      refuse(
          rc,
          BearerAuthentication.CHALLENGE + ", error=\"invalid_token\"",
          "The bearer token is malformed");
    }
  }

  private static void refuse(RoutingContext rc, String challenge, String why) {
    rc.response().putHeader("WWW-Authenticate", challenge);
    rc.fail(new HttpException(401, why));
  }

  @Override
  public JWTAuthHandler scopeDelimiter(String delimiter) {
    jwt.scopeDelimiter(delimiter);
    return this;
  }

  @Override
  public JWTAuthHandler withScope(String scope) {
    return new BearerCredentials(jwt.withScope(scope));
  }

  @Override
  public JWTAuthHandler withScopes(List<String> scopes) {
    return new BearerCredentials(jwt.withScopes(scopes));
  }
}
