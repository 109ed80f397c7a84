package dev.products.auth;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a new password must be (OWASP ASVS 5.0 V6): 8 to 128 characters (the contract's bounds; 12
 * or more recommended in docs/auth.md), no composition rules, and not easy to guess: zxcvbn's
 * estimate, which knows the 30,000 most common passwords of the public breach lists, common names
 * and words, keyboard walks, repeats, sequences, dates and l33t spellings of all of them, must be
 * at least {@value #MIN_SCORE} of 4 ("somewhat guessable" or better: at least 10^6 guesses). The
 * account's own e-mail counts as a word an attacker tries first.
 */
public final class PasswordPolicy {

  /** zxcvbn's score: 0 too guessable, 1 very guessable, 2 somewhat guessable, 3 and 4 safe. */
  static final int MIN_SCORE = 2;

  /**
   * One per process: each Zxcvbn holds its own copy of the dictionaries (tens of MB of heap), and
   * every HTTP verticle instance has a policy.
   */
  private static final Zxcvbn ZXCVBN = new Zxcvbn();

  /**
   * Why the password is refused, fit to show the client, or null when it is acceptable. Slow for
   * long inputs (milliseconds): call it off the event loop.
   */
  public @Nullable String weakness(String password, String email) {
    Strength strength;
    // zxcvbn4j's matchers keep the user inputs in shared state: one measurement at a time.
    synchronized (ZXCVBN) {
      strength = ZXCVBN.measure(password, userInputs(email));
    }
    if (strength.getScore() >= MIN_SCORE) {
      return null;
    }
    String warning = strength.getFeedback().getWarning();
    return "is too easy to guess"
        + (warning == null || warning.isBlank()
            ? ""
            : " (" + warning.toLowerCase(Locale.ROOT).replaceAll("\\.$", "") + ")")
        + "; use a longer password, e.g. a few unrelated words";
  }

  private static List<String> userInputs(String email) {
    int at = email.indexOf('@');
    return at < 0
        ? List.of(email)
        : List.of(email, email.substring(0, at), email.substring(at + 1));
  }
}
