package dev.products.platform.config;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether a signing secret could have been guessed: one published in this repository ({@code
 * example-secrets.txt}), or one an attacker's search would reach, by zxcvbn's estimate (words,
 * repeats, sequences, keyboard walks), in fewer than 10^{@value #MIN_GUESSES_LOG10} guesses. Any 32
 * random characters, and any output of {@code openssl rand -base64 32}, pass.
 */
final class SecretStrength {

  static final int MIN_GUESSES_LOG10 = 30;
  static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 48";

  private static final Set<String> EXAMPLES = published("/example-secrets.txt");

  private SecretStrength() {}

  /** Why the secret is refused, naming no part of it, or null when it is fine. */
  static @Nullable String weakness(String secret) {
    if (EXAMPLES.contains(secret)) {
      return "is an example value published in this repository; " + HOW_TO_MAKE_ONE;
    }
    if (new Zxcvbn().measure(secret).getGuessesLog10() < MIN_GUESSES_LOG10) {
      return "is too easy to guess (words, repeats or sequences); " + HOW_TO_MAKE_ONE;
    }
    return null;
  }

  static Set<String> examples() {
    return EXAMPLES;
  }

  /** The values of a list of published examples: one a line, {@code #} comments. */
  static Set<String> published(String resource) {
    try (InputStream in = SecretStrength.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
