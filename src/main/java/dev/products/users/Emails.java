package dev.products.users;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one canonical form of an e-mail address, for everything that compares addresses: the unique
 * index ({@code users.email_canonical}, written from here), the login's lookup and the login
 * limit's key. Computed in Java only, never by the database's {@code lower()}, so no two parts of
 * the service can disagree on which addresses are the same: before, the limiter lower-cased in Java
 * ({@code İ} → {@code i̇}) while PostgreSQL's {@code lower()} gave {@code i}, and every {@code i}
 * of an address doubled the attempts allowed.
 *
 * <p>NFKC first (full-width letters, the Kelvin sign and the long s become their ASCII letters),
 * then lower case by the root locale. Stored addresses are ASCII (the contract and a CHECK say so),
 * so any form that is not ASCII after this names no account: it neither logs in nor shares a budget
 * with one.
 */
public final class Emails {

  private Emails() {}

  public static String canonical(String email) {
    return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
