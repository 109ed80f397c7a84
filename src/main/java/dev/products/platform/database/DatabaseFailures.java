package dev.products.platform.database;

import dev.products.platform.bus.BusFailure;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a database failure into a bus failure. Details of constraint violations are safe to show;
 * anything else is reported generically so no SQL or server internals reach a client.
 */
public final class DatabaseFailures {

  public record Classified(BusFailure failure, String detail) {}

  private DatabaseFailures() {}

  /**
   * True when the failure says PostgreSQL cannot be reached or is going away: an outage, not a
   * problem of one request. A full wait queue is not one: PostgreSQL answers, the service has more
   * requests than connections (the pool metrics show it).
   */
  public static boolean outage(Throwable failure) {
    return classify(failure).failure() == BusFailure.UNAVAILABLE
        && !(failure instanceof ConnectionPoolTooBusyException);
  }

  public static Classified classify(Throwable failure) {
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      if (state.equals("23505")) {
        return new Classified(BusFailure.CONFLICT, "a product with these values already exists");
      }
      if (state.startsWith("23")
          || state.equals("22001")
          || state.equals("22003")
          || state.equals("22021")
          || state.equals("22P05")) {
        // integrity or data exceptions: the values break a rule of the schema
        return new Classified(
            BusFailure.INVALID, "the values break a constraint of the products table");
      }
      if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
        return new Classified(BusFailure.UNAVAILABLE, "the database is unavailable, try again");
      }
      return new Classified(BusFailure.INTERNAL, "the database failed to answer");
    }
    // A statement given the wrong parameters is our bug, refused before it reaches PostgreSQL; the
    // client reports it as a VertxException like a lost connection, but it is no outage.
    if (failure instanceof VertxException && misusedStatement(failure.getMessage())) {
      return new Classified(BusFailure.INTERNAL, "the database failed to answer");
    }
    // Transport and pool failures: connection refused or closed, pool too busy, timed out waiting.
    if (failure instanceof VertxException || failure instanceof IOException) {
      return new Classified(BusFailure.UNAVAILABLE, "the database is unavailable, try again");
    }
    return new Classified(BusFailure.INTERNAL, "the database failed to answer");
  }

  private static boolean misusedStatement(@Nullable String message) {
    return message != null
        && (message.startsWith("The number of parameters to execute should be consistent")
            || (message.startsWith("Parameter at position")
                && message.contains("can not be coerced")));
  }
}
