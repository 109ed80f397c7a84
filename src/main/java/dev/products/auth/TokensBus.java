package dev.products.auth;

import dev.products.platform.bus.BusFailure;

/**
 * The event bus contract of refresh and revoked tokens (local request/reply). Tokens travel only as
 * SHA-256 hashes, base64url-encoded, in {@code token_hash} fields.
 */
public final class TokensBus {

  /**
   * {@code {"user_id", "token_hash", "expires_at"}} → {@code {}}: starts a new family (a login).
   */
  public static final String ISSUE_REFRESH = "tokens.issue-refresh";

  /**
   * {@code {"token_hash", "new_token_hash", "expires_at"}} → {@code {"user_id", "role",
   * "disabled"}}: marks the presented token used and stores its replacement in the same family. An
   * unknown, expired or revoked token is {@link BusFailure#UNAUTHORIZED}; an already-used one
   * revokes its whole family and is {@link BusFailure#UNAUTHORIZED} too.
   */
  public static final String ROTATE_REFRESH = "tokens.rotate-refresh";

  /**
   * {@code {"user_id", "jti", "expires_at", "refresh_token_hash"?}} → {@code {}}: revokes the
   * access token until it would have expired, and the refresh token's family if one is given and it
   * belongs to the same user.
   */
  public static final String REVOKE = "tokens.revoke";

  private TokensBus() {}
}
