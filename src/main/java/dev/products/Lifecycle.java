package dev.products;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this instance is on its way down; readiness reports DOWN from the first moment of a stop.
 */
public final class Lifecycle {

  private final AtomicBoolean stopping = new AtomicBoolean();

  public void markStopping() {
    stopping.set(true);
  }

  public boolean stopping() {
    return stopping.get();
  }
}
