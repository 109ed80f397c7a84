package dev.products.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.jspecify.annotations.Nullable;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane), on a dedicated worker
 * pool so hashing never runs on an event loop and cannot starve other blocking work.
 */
public final class PasswordHasher {

  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  private static final String POOL = "password-hashing";

  /** Verified against when the account does not exist, so both failures take the same time. */
  private static final String DECOY_HASH =
      Password.hash("decoy-password-never-used").addRandomSalt(16).with(ARGON2ID).getResult();

  private final WorkerExecutor workers;
  private final PasswordPolicy policy = new PasswordPolicy();

  public PasswordHasher(Vertx vertx) {
    this.workers =
        vertx.createSharedWorkerExecutor(
            POOL, Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(
        () -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult(), false);
  }

  /**
   * True when {@code password} matches; with a null hash, burns the same time and answers false.
   */
  public Future<Boolean> verify(String password, @Nullable String hash) {
    return workers.executeBlocking(
        () -> {
          boolean matches =
              Password.check(password, hash == null ? DECOY_HASH : hash).with(ARGON2ID);
          return hash != null && matches;
        },
        false);
  }

  /** Why a new password is refused ({@link PasswordPolicy}), or null; measured on the workers. */
  public Future<@Nullable String> weakness(String password, String email) {
    return workers.executeBlocking(() -> policy.weakness(password, email), false);
  }

  public Future<Void> close() {
    return workers.close();
  }
}
