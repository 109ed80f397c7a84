package dev.products.users;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.store.Page;
import dev.products.platform.store.PageRequest;
import org.jspecify.annotations.Nullable;

/**
 * The event bus contract of users (local request/reply): addresses and the records they take and
 * answer. The password hash only ever leaves the store in {@link Credentials}, which the login
 * uses.
 */
public final class UsersBus {

  /** The new account, or {@link BusFailure#CONFLICT} if the e-mail is taken. */
  public static final Address<NewUser, User> CREATE = Address.of("users.create");

  /** The user, or {@link BusFailure#NOT_FOUND}. */
  public static final Address<ById, User> GET = Address.of("users.get");

  /** One page of users, oldest first, with the total. */
  public static final Address<PageRequest, Page<User>> LIST = Address.of("users.list");

  /** The changed user, or {@link BusFailure#NOT_FOUND}. */
  public static final Address<Update, User> UPDATE = Address.of("users.update");

  /** What a login checks a password against, or {@link BusFailure#NOT_FOUND}. */
  public static final Address<ByEmail, Credentials> CREDENTIALS = Address.of("users.credentials");

  /**
   * What a bearer token's holder may do now, checked on every authenticated request so a disabled
   * user or a revoked token stops working at once. {@link BusFailure#NOT_FOUND} if the user is
   * gone.
   */
  public static final Address<AuthStateQuery, AuthState> AUTH_STATE =
      Address.of("users.auth-state");

  /**
   * What a password change checks the current password against, or {@link BusFailure#NOT_FOUND}.
   */
  public static final Address<ById, Credentials> CREDENTIALS_OF =
      Address.of("users.credentials-of");

  /**
   * Sets a new password hash and, in the same transaction, ends every other session of the user,
   * voids outstanding reset tokens and queues the "password changed" notice. {@link
   * BusFailure#NOT_FOUND} if the user is gone.
   */
  public static final Address<PasswordChange, Void> CHANGE_PASSWORD =
      Address.of("users.change-password");

  /**
   * Queues the reset e-mail job when an enabled account has this address; otherwise does nothing.
   * The answer is the same either way.
   */
  public static final Address<ByEmail, Void> REQUEST_RESET = Address.of("users.request-reset");

  /**
   * Stores a new reset token's hash (voiding the user's older ones) and answers the address to mail
   * it to; {@link BusFailure#NOT_FOUND} if the account is gone or disabled.
   */
  public static final Address<ResetTokenIssue, String> ISSUE_RESET_TOKEN =
      Address.of("users.issue-reset-token");

  /**
   * Whose reset token this is, while it is unused and unexpired; {@link BusFailure#NOT_FOUND}
   * otherwise.
   */
  public static final Address<ByResetToken, ResetHolder> RESET_HOLDER =
      Address.of("users.reset-holder");

  /**
   * Uses the token up, sets the new password, ends every session of the user and queues the notice,
   * in one transaction; answers the user's id. {@link BusFailure#NOT_FOUND} when the token is no
   * longer good (used, expired, or the account disabled meanwhile).
   */
  public static final Address<PasswordReset, Long> RESET_PASSWORD =
      Address.of("users.reset-password");

  /**
   * Makes this account an admin when no admin exists (start-up bootstrap), answering whether it
   * did; otherwise changes nothing.
   */
  public static final Address<NewAdmin, Boolean> ENSURE_ADMIN = Address.of("users.ensure-admin");

  private UsersBus() {}

  public record ById(long id) {}

  public record ByEmail(String email) {}

  public record NewUser(String email, String passwordHash, String role) {
    @Override
    public String toString() {
      // No address: a record's text ends up in logs and error reports.
      return "NewUser[role=" + role + "]";
    }
  }

  public record NewAdmin(String email, String passwordHash) {
    @Override
    public String toString() {
      return "NewAdmin[]";
    }
  }

  /** The fields an admin may change; null is "not sent". */
  public record Update(long id, @Nullable String role, @Nullable Boolean disabled) {}

  public record Credentials(
      long id, String email, String role, boolean disabled, String passwordHash) {
    @Override
    public String toString() {
      return "Credentials[id=" + id + ", role=" + role + ", disabled=" + disabled + "]";
    }
  }

  /**
   * A new password for a signed-in user.
   *
   * @param keptSession the session (refresh-token family) that made the change, which stays
   */
  public record PasswordChange(long userId, String passwordHash, String keptSession) {
    @Override
    public String toString() {
      return "PasswordChange[userId=" + userId + "]";
    }
  }

  /** A reset token's SHA-256 (base64url) for this user, valid until then. */
  public record ResetTokenIssue(long userId, String tokenHash, long expiresAtEpochSecond) {}

  public record ByResetToken(String tokenHash) {}

  public record ResetHolder(long userId, String email) {}

  public record PasswordReset(String tokenHash, String passwordHash) {
    @Override
    public String toString() {
      return "PasswordReset[]";
    }
  }

  /**
   * Whose token this is.
   *
   * @param jti the access token's id, to check it is not revoked
   * @param session the token's session (its refresh-token family), to check it has not ended
   */
  public record AuthStateQuery(long id, String jti, String session) {}

  /**
   * The account as it is now.
   *
   * @param revoked the token presented was revoked (a logout)
   * @param sessionEnded the token's session was revoked (a logout, a reused refresh token, a
   *     password change or reset)
   */
  public record AuthState(String role, boolean disabled, boolean revoked, boolean sessionEnded) {}
}
