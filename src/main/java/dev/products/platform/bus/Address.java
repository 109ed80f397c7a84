package dev.products.platform.bus;

/**
 * One request/reply address of the event bus, typed by what it takes and what it answers: a feature
 * declares its addresses as constants of this type in its bus contract, and {@link Bus} will only
 * send a {@code Q} to it and hand back an {@code R}. The types exist for the compiler; on the bus
 * the objects themselves travel, by reference, on this node ({@link LocalCodec}).
 *
 * @param name the address on the event bus; also the key of its timeout in {@code BUS_TIMEOUTS}
 * @param <Q> the request
 * @param <R> the reply ({@link Void} for none)
 */
// Q and R are phantom types: nothing stores them, they let the compiler match each request and
// reply
// to its address.
@SuppressWarnings("UnusedTypeParameter")
public record Address<Q, R>(String name) {

  public static <Q, R> Address<Q, R> of(String name) {
    return new Address<>(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
