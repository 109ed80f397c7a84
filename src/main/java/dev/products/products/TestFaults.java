package dev.products.products;

/**
 * Faults a test can ask a real process for, to prove what survives them; off unless the JVM was
 * started with the system property (never a setting of the service, so no deploy can turn one on by
 * its environment).
 */
final class TestFaults {

  /** {@code -Dproducts.test.halt-after-commit=true}: die right after a write's COMMIT. */
  private static final boolean HALT_AFTER_COMMIT =
      Boolean.getBoolean("products.test.halt-after-commit");

  private TestFaults() {}

  /**
   * Called once a write has committed, before anything else hears of it: with the fault on, the
   * process halts there, as a node killed between its COMMIT and its reply (and its event's
   * publication) would.
   */
  static void afterCommit() {
    if (HALT_AFTER_COMMIT) {
      Runtime.getRuntime().halt(137);
    }
  }
}
