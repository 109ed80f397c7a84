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
      return "NewUser[email=" + email + ", role=" + role + "]";
    }
  }

  public record NewAdmin(String email, String passwordHash) {
    @Override
    public String toString() {
      return "NewAdmin[email=" + email + "]";
    }
  }

  /** The fields an admin may change; null is "not sent". */
  public record Update(long id, @Nullable String role, @Nullable Boolean disabled) {}

  public record Credentials(long id, String role, boolean disabled, String passwordHash) {
    @Override
    public String toString() {
      return "Credentials[id=" + id + ", role=" + role + ", disabled=" + disabled + "]";
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
