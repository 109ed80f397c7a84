package dev.products.platform.config;

import dev.products.auth.PasswordPolicy;
import java.util.Set;

/**
 * What ADMIN_PASSWORD must be. The account it makes can do everything, so in the prod profile it is
 * held to the policy of every user's password ({@link PasswordPolicy}, with ADMIN_EMAIL as a word
 * an attacker tries first), and it may not be a password or secret published in this repository
 * ({@code example-passwords.txt}, {@code example-secrets.txt}): zxcvbn cannot know those, and rates
 * some of them strong. Development keeps the length rule alone, so the examples and tests start.
 */
final class AdminPassword {

  static final int MIN_LENGTH = 8;

  /** The contract's bound on a registered password; the admin's is no different. */
  static final int MAX_LENGTH = 128;

  private static final Set<String> EXAMPLES = SecretStrength.published("/example-passwords.txt");

  private AdminPassword() {}

  /** Throws a {@link ConfigException} naming ADMIN_PASSWORD, never its value, when refused. */
  static void check(Profile profile, String email, String password) {
    if (password.length() < MIN_LENGTH) {
      throw refused("must be at least " + MIN_LENGTH + " characters");
    }
    if (!profile.isProd()) {
      return;
    }
    if (password.length() > MAX_LENGTH) {
      throw refused("must be at most " + MAX_LENGTH + " characters in the prod profile");
    }
    if (EXAMPLES.contains(password) || SecretStrength.examples().contains(password)) {
      throw refused("is an example value published in this repository; choose one of your own");
    }
    String weakness = new PasswordPolicy().weakness(password, email);
    if (weakness != null) {
      throw refused(weakness + " (the prod profile holds it to the policy of users' passwords)");
    }
  }

  static Set<String> examples() {
    return EXAMPLES;
  }

  private static ConfigException refused(String reason) {
    return new ConfigException("ADMIN_PASSWORD", reason);
  }
}
