package dev.products.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.bus.BusFailure;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a failed statement becomes on the bus, from failures a real PostgreSQL gives. */
@ExtendWith(VertxExtension.class)
class DatabaseFailuresTest {

  private Pool pool;

  @BeforeEach
  void connect(Vertx vertx) {
    pool = PgBuilder.pool().connectingTo(TestDatabase.url().connectOptions()).using(vertx).build();
  }

  @AfterEach
  void close() {
    pool.close().await();
  }

  private Throwable failureOf(String sql, Tuple params) {
    return pool.preparedQuery(sql)
        .execute(params)
        .<Throwable>transform(
            done ->
                io.vertx.core.Future.succeededFuture(
                    done.failed() ? done.cause() : new AssertionError("the statement succeeded")))
        .await();
  }

  @Test
  void aStatementGivenTooFewParametersIsOurBugNotAnOutage() {
    Throwable failure = failureOf("SELECT $1::int + $2::int", Tuple.of(1));

    assertThat(DatabaseFailures.classify(failure).failure()).isEqualTo(BusFailure.INTERNAL);
    assertThat(DatabaseFailures.outage(failure)).isFalse();
  }

  @Test
  void aParameterOfTheWrongTypeIsOurBugNotAnOutage() {
    Throwable failure = failureOf("SELECT $1::int", Tuple.of("not a number"));

    assertThat(DatabaseFailures.classify(failure).failure()).isEqualTo(BusFailure.INTERNAL);
    assertThat(DatabaseFailures.outage(failure)).isFalse();
  }

  @Test
  void aValueTheTableRefusesIsTheClientsMistake() {
    Throwable failure =
        failureOf("INSERT INTO products (name, price_cents) VALUES ($1, -1)", Tuple.of("x"));

    assertThat(DatabaseFailures.classify(failure).failure()).isEqualTo(BusFailure.INVALID);
  }
}
