package dev.products.platform.errors;

import dev.products.BuildInfo;
import dev.products.platform.config.ErrorTrackingConfig;
import io.sentry.Sentry;
import io.sentry.protocol.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports failures nobody handled (every 500, and later the jobs that finally fail) to Sentry with
 * the request id, route, user, release and environment, so an event can be matched to the log lines
 * of the same request. Off (and free) when no DSN is configured. Reporting happens on a worker
 * thread: the SDK builds the event synchronously, and that is no work for an event loop.
 */
public final class ErrorTracking {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorTracking.class);
  private static final ErrorTracking OFF = new ErrorTracking(null);

  private final @Nullable Vertx vertx;

  private ErrorTracking(@Nullable Vertx vertx) {
    this.vertx = vertx;
  }

  public static ErrorTracking start(Vertx vertx, ErrorTrackingConfig config) {
    if (config.dsn().isEmpty()) {
      return OFF;
    }
    BuildInfo build = BuildInfo.current();
    Sentry.init(
        options -> {
          options.setDsn(config.dsn().get());
          options.setRelease(build.service() + "@" + build.version());
          options.setEnvironment(config.environment());
          options.setSendDefaultPii(false);
          // Uncaught exceptions on our threads are already logged; the event loop never throws
          // them.
          options.setEnableUncaughtExceptionHandler(false);
          options.setAttachServerName(false);
        });
    LOG.info("Error tracking on: Sentry, environment {}", config.environment());
    return new ErrorTracking(vertx);
  }

  public boolean enabled() {
    return vertx != null;
  }

  /**
   * Reports a failure in the background (a worker thread); a no-op when tracking is off.
   *
   * @param tags searchable tags (request_id, route, method...)
   * @param userId the signed-in user, or null
   */
  public void report(Throwable failure, Map<String, String> tags, @Nullable String userId) {
    Vertx worker = vertx;
    if (worker == null) {
      return;
    }
    worker
        .executeBlocking(
            () -> {
              Sentry.withScope(
                  scope -> {
                    tags.forEach(
                        (key, value) -> {
                          if (value != null) {
                            scope.setTag(key, value);
                          }
                        });
                    if (userId != null) {
                      User user = new User();
                      user.setId(userId);
                      scope.setUser(user);
                    }
                    Sentry.captureException(failure);
                  });
              return null;
            },
            false)
        .onFailure(e -> LOG.warn("Could not report a failure to Sentry: {}", e.toString()));
  }

  /** Sends what is queued (bounded) and stops the SDK. */
  public Future<Void> close() {
    Vertx worker = vertx;
    if (worker == null) {
      return Future.succeededFuture();
    }
    return worker.executeBlocking(
        () -> {
          Sentry.flush(2_000);
          Sentry.close();
          return null;
        });
  }
}
