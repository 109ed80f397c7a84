package dev.products.auth;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.BusFailure;
import org.jspecify.annotations.Nullable;

/**
 * The event bus contract of refresh and revoked tokens (local request/reply). Tokens travel only as
 * SHA-256 hashes, base64url-encoded.
 */
public final class TokensBus {

  /** Starts a new family (a login). */
  public static final Address<IssueRefresh, Void> ISSUE_REFRESH =
      Address.of("tokens.issue-refresh");

  /**
   * Marks the presented token used and stores its replacement in the same family. An unknown,
   * expired or revoked token is {@link BusFailure#UNAUTHORIZED}; an already-used one revokes its
   * whole family and is {@link BusFailure#UNAUTHORIZED} too.
   */
  public static final Address<RotateRefresh, Holder> ROTATE_REFRESH =
      Address.of("tokens.rotate-refresh");

  /**
   * Revokes the access token until it would have expired, its session, and the refresh token's
   * family if one is given and it belongs to the same user.
   */
  public static final Address<Revoke, Void> REVOKE = Address.of("tokens.revoke");

  private TokensBus() {}

  /**
   * A login's first refresh token.
   *
   * @param session the new family's id, which the access tokens of this login carry as {@code sid}
   */
  public record IssueRefresh(
      long userId, String session, String tokenHash, long expiresAtEpochSecond) {}

  public record RotateRefresh(String tokenHash, String newTokenHash, long expiresAtEpochSecond) {}

  /**
   * A logout: the access token, its session (refresh-token family), and the family of a refresh
   * token sent with it if that is another of the user's.
   *
   * @param refreshTokenHash the refresh token to revoke with it, or null
   */
  public record Revoke(
      long userId,
      String jti,
      String session,
      long expiresAtEpochSecond,
      @Nullable String refreshTokenHash) {}

  /**
   * Who holds a rotated refresh token, as the database says now, and the session it continues.
   *
   * @param sessionEndsAtEpochSecond the family's absolute expiry (REFRESH_TOKEN_TTL from login)
   */
  public record Holder(
      long userId, String role, boolean disabled, String session, long sessionEndsAtEpochSecond) {}
}
