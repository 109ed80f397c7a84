package dev.products.platform.logging;

import java.util.regex.Pattern;

/**
 * Keeps e-mail addresses out of text that goes into a log line but was written by someone else: a
 * mail server's refusal quotes the recipient ({@code 550 5.1.1 <ada@example.com>: Recipient address
 * rejected}). Logs are kept longer and read more widely than the data they describe, so they name a
 * user by id; our own log lines never put an address in, and text from outside passes through here.
 */
public final class PersonalData {

  static final String EMAIL_ADDRESS = "[e-mail]";

  /** Anything around an {@code @} that could be a local part and a domain. */
  private static final Pattern ADDRESS =
      Pattern.compile("[^\\s<>()\\[\\]\"',;:@]+@[^\\s<>()\\[\\]\"',;:@]+");

  private PersonalData() {}

  /** The text with every e-mail address replaced by {@value #EMAIL_ADDRESS}. */
  public static String withoutEmailAddresses(String text) {
    return ADDRESS.matcher(text).replaceAll(EMAIL_ADDRESS);
  }
}
