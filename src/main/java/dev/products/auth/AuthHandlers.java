package dev.products.auth;

import dev.products.http.Responses;
import dev.products.http.problem.Problem;
import dev.products.http.problem.ProblemType;
import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.config.JwtConfig;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Register, log in (the OAuth2 password form), refresh with rotation, log out. Passwords are hashed
 * and checked on the hashing workers; tokens never reach a log line; every answer is no-store.
 */
public final class AuthHandlers {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String INVALID_CREDENTIALS = "the e-mail or password is wrong";

  private final Bus bus;
  private final PasswordHasher passwords;
  private final AccessTokens accessTokens;
  private final JwtConfig jwt;
  private final LoginThrottle throttle;

  public AuthHandlers(
      Bus bus,
      PasswordHasher passwords,
      AccessTokens accessTokens,
      JwtConfig jwt,
      LoginThrottle throttle) {
    this.bus = bus;
    this.passwords = passwords;
    this.accessTokens = accessTokens;
    this.jwt = jwt;
    this.throttle = throttle;
  }

  public void register(RoutingContext rc) {
    Responses.noStore(rc);
    JsonObject body = validatedBody(rc);
    String email = body.getString("email").trim();
    String password = body.getString("password");
    passwords
        .weakness(password, email)
        .onFailure(rc::fail)
        .onSuccess(
            weakness -> {
              if (weakness != null) {
                badField(rc, "password", weakness);
                return;
              }
              Responses.answer(
                  rc,
                  passwords
                      .hash(password)
                      .compose(
                          hash ->
                              bus.request(
                                  UsersBus.CREATE,
                                  new UsersBus.NewUser(email, hash, AuthUser.USER))),
                  user -> json(rc, 201, user.toJson()));
            });
  }

  /**
   * {@code grant_type=password} (the default) or {@code grant_type=refresh_token}, form-encoded.
   */
  public void token(RoutingContext rc) {
    Responses.noStore(rc);
    MultiMap form = formOrFail(rc);
    if (form == null) {
      return;
    }
    String grant = form.get("grant_type") == null ? "password" : form.get("grant_type");
    if (grant.equals("refresh_token")) {
      String refreshToken = form.get("refresh_token");
      if (isBlank(refreshToken)) {
        badField(rc, "refresh_token", "is required with grant_type=refresh_token");
        return;
      }
      rotate(rc, refreshToken);
      return;
    }
    if (!grant.equals("password")) {
      badField(rc, "grant_type", "must be password or refresh_token");
      return;
    }
    String username = form.get("username");
    String password = form.get("password");
    if (isBlank(username) || password == null || password.isEmpty()) {
      badField(rc, isBlank(username) ? "username" : "password", "is required");
      return;
    }
    Responses.answer(
        rc,
        throttle
            .admit(rc, username.trim())
            .compose(admitted -> credentials(username.trim()))
            .compose(
                account ->
                    passwords
                        .verify(password, account == null ? null : account.passwordHash())
                        .map(matches -> matches && !account.disabled() ? account : null)),
        account -> {
          if (account == null) {
            throttle.failed(rc);
            rc.fail(new HttpException(401, INVALID_CREDENTIALS));
          } else {
            issue(rc, account.id(), account.role());
          }
        });
  }

  public void refresh(RoutingContext rc) {
    Responses.noStore(rc);
    rotate(rc, validatedBody(rc).getString("refresh_token"));
  }

  public void logout(RoutingContext rc) {
    Responses.noStore(rc);
    AuthUser user = AuthUser.of(rc);
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject body =
        validated.getBody() == null || validated.getBody().isNull()
            ? new JsonObject()
            : validated.getBody().getJsonObject();
    String refreshToken = body.getString("refresh_token");
    TokensBus.Revoke revoke =
        new TokensBus.Revoke(
            user.id(),
            user.jti(),
            user.session(),
            user.expiresAtEpochSecond(),
            refreshToken == null ? null : RefreshTokens.hash(refreshToken));
    Responses.answer(
        rc,
        bus.request(TokensBus.REVOKE, revoke),
        done -> {
          // Live sockets of this session close now, on whichever node holds them.
          SessionEvents.publish(rc.vertx().eventBus(), SessionEvents.Revoked.logout(user));
          rc.response().setStatusCode(204).end();
        });
  }

  private void rotate(RoutingContext rc, String presented) {
    RefreshTokens.Minted next = RefreshTokens.mint();
    Future<TokensBus.Holder> rotated =
        bus.request(
                TokensBus.ROTATE_REFRESH,
                new TokensBus.RotateRefresh(
                    RefreshTokens.hash(presented), next.hash(), refreshExpiry()))
            .recover(
                failure ->
                    Future.failedFuture(
                        failure instanceof ReplyException reply
                                && BusFailure.of(reply) == BusFailure.UNAUTHORIZED
                            ? new HttpException(401, "the refresh token is not valid; log in again")
                            : failure));
    Responses.answer(
        rc,
        rotated,
        user -> {
          if (user.disabled()) {
            rc.fail(new HttpException(401, "the account is disabled"));
          } else {
            respondWithTokens(
                rc,
                user.userId(),
                user.role(),
                user.session(),
                user.sessionEndsAtEpochSecond(),
                next.token());
          }
        });
  }

  /** The account, or null when none has this e-mail (the caller still burns a hash check). */
  private Future<UsersBus.@Nullable Credentials> credentials(String email) {
    return bus.request(UsersBus.CREDENTIALS, new UsersBus.ByEmail(email))
        .<UsersBus.@Nullable Credentials>map(found -> found)
        .recover(
            failure ->
                failure instanceof ReplyException reply
                        && BusFailure.of(reply) == BusFailure.NOT_FOUND
                    ? Future.succeededFuture(null)
                    : Future.failedFuture(failure));
  }

  private void issue(RoutingContext rc, long userId, String role) {
    RefreshTokens.Minted refresh = RefreshTokens.mint();
    String session = UUID.randomUUID().toString();
    long sessionEnds = refreshExpiry();
    Responses.answer(
        rc,
        bus.request(
            TokensBus.ISSUE_REFRESH,
            new TokensBus.IssueRefresh(userId, session, refresh.hash(), sessionEnds)),
        stored -> respondWithTokens(rc, userId, role, session, sessionEnds, refresh.token()));
  }

  private void respondWithTokens(
      RoutingContext rc,
      long userId,
      String role,
      String session,
      long sessionEnds,
      String refreshToken) {
    AccessTokens.Issued access = accessTokens.issue(userId, role, session, sessionEnds);
    json(
        rc,
        200,
        new JsonObject()
            .put("access_token", access.token())
            .put("token_type", "bearer")
            .put("expires_in", access.expiresInSeconds())
            .put("refresh_token", refreshToken));
  }

  private long refreshExpiry() {
    return Instant.now().plus(jwt.refreshTokenTtl()).getEpochSecond();
  }

  private static @Nullable MultiMap formOrFail(RoutingContext rc) {
    String contentType = rc.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      rc.fail(new HttpException(415, "the token request must be sent as " + FORM));
      return null;
    }
    return rc.request().formAttributes();
  }

  static void badField(RoutingContext rc, String field, String detail) {
    new Problem(
            ProblemType.VALIDATION,
            400,
            field + ": " + detail,
            new JsonArray()
                .add(new JsonObject().put("in", "body").put("field", field).put("detail", detail)))
        .send(rc.response(), rc.request().path(), dev.products.http.RequestIds.of(rc));
  }

  static JsonObject validatedBody(RoutingContext rc) {
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    return validated.getBody().getJsonObject();
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    dev.products.http.Responses.json(rc, status, body);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
