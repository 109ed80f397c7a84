package dev.products;

import dev.products.platform.cluster.ClusteredVertx;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.ConfigException;
import dev.products.platform.config.ConfigLoader;
import dev.products.platform.database.DataDirectoryInUseException;
import dev.products.platform.database.Database;
import dev.products.platform.logging.Logging;
import dev.products.platform.metrics.MetricsSetup;
import dev.products.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line entry point: {@code java -jar products-api.jar [serve|migrate]}. {@code serve} (the
 * default) runs the service; {@code migrate} applies migrations and exits.
 */
public final class Main {

  static {
    System.setProperty(
        "vertx.logger-delegate-factory-class-name",
        "io.vertx.core.logging.SLF4JLogDelegateFactory");
  }

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  private static final String USAGE =
      """
      Usage: java -jar products-api.jar [command]

      Commands:
        serve       run the service (the default)
        migrate     apply database migrations, then exit
        --version   print the version, then exit
        --help      print this help, then exit

      Settings come from environment variables (or a .env file in the working directory); every
      one is listed with its default in conf/config.yaml. The most used:
        HTTP_HOST          address to bind (0.0.0.0: every interface)
        HTTP_PORT          port to listen on (8080)
        DATABASE_URL       postgresql://user:password@host:5432/db; empty: an embedded PostgreSQL
        REDIS_URL          redis://host:6379; empty: an embedded Redis
                           (both required by products-api-server.jar, built without them)
        JWT_SECRET         token signing secret (required in prod); empty in dev: a key made once
                           and kept in DATA_DIR/jwt-dev.key
        ADMIN_EMAIL, ADMIN_PASSWORD   made the admin at start while no admin exists
        APP_PROFILE        dev (default) or prod
        LOG_FORMAT         text or json
        DATA_DIR           where the embedded PostgreSQL, exports and the dev signing key live
                           (./.data)

      Exit codes:
        0         migrate, --version or --help is done; or, after SIGTERM or SIGINT,
                  the service drained and stopped cleanly
        1         the start failed, or a stop did not finish cleanly within
                  SHUTDOWN_DELAY + SHUTDOWN_TIMEOUT + 10 s (the log says why)
        2         a setting is missing or bad (one line names it)
        64        unknown command
        75        another products-api already uses DATA_DIR: stop it, or set another DATA_DIR
      When ready, the service logs its version and the URL of its docs
      (http://localhost:8080/docs by default).
      """;

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    // The command line's own output goes to stdout as plain text, not through the logger: scripts
    // read
    // --version, and neither answer is an event of a running service.
    if (command.equals("--version") || command.equals("version")) {
      BuildInfo build = BuildInfo.current();
      System.out.println(build.service() + " " + build.version());
      return;
    }
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      System.out.print(USAGE);
      return;
    }
    if (!command.equals("serve") && !command.equals("migrate")) {
      LOG.error(
          "Unknown command \"{}\": use serve (the default), migrate, --version or --help", command);
      System.exit(64);
    }
    Vertx bootstrap = MetricsSetup.vertx();
    ConfigLoader.load(bootstrap, new JsonObject())
        .compose(
            config -> {
              Logging.apply(config.logLevel(), config.logFormat());
              if (command.equals("migrate")) {
                return migrate(bootstrap, config);
              }
              // The SDK (when OTEL_* turn tracing on) makes its exporter's HTTP client: a worker's
              // job.
              return bootstrap
                  .executeBlocking(
                      () -> Tracing.start(config.tracing(), BuildInfo.current().version()))
                  .compose(tracing -> serveOn(bootstrap, config, tracing));
            })
        .onFailure(Main::startFailed);
  }

  /**
   * The bootstrap instance serves when it can; joining a cluster or tracing needs an instance made
   * for it (a tracer is installed when an instance is built), so the bootstrap one is closed and
   * the one that serves is made from a plain thread: this runs on the instance being closed.
   */
  private static Future<Void> serveOn(Vertx bootstrap, AppConfig config, Tracing tracing) {
    if (!config.cluster().enabled() && !tracing.enabled()) {
      return serve(bootstrap, config, tracing);
    }
    bootstrap
        .close()
        .onComplete(
            closed -> new Thread(() -> startAndServe(config, tracing), "service-start").start());
    return Future.succeededFuture();
  }

  private static void startAndServe(AppConfig config, Tracing tracing) {
    Future<Vertx> started =
        config.cluster().enabled()
            ? ClusteredVertx.start(MetricsSetup.vertxOptions(), config.cluster(), tracing)
            : Future.succeededFuture(MetricsSetup.vertx(tracing));
    started.compose(vertx -> serve(vertx, config, tracing)).onFailure(Main::startFailed);
  }

  private static void startFailed(Throwable failure) {
    if (failure instanceof ConfigException) {
      LOG.error("Configuration error: {}", failure.getMessage());
      System.exit(2);
    }
    if (failure instanceof DataDirectoryInUseException) {
      LOG.error("{}", failure.getMessage());
      System.exit(DataDirectoryInUseException.EXIT_CODE);
    }
    LOG.error("Start failed: {}", failure.getMessage(), failure);
    System.exit(1);
  }

  private static Future<Void> serve(Vertx vertx, AppConfig config, Tracing tracing) {
    return App.start(vertx, config, tracing)
        .map(
            app -> {
              Runtime.getRuntime()
                  .addShutdownHook(new Thread(() -> stopOnSignal(app, vertx, tracing), "shutdown"));
              return null;
            });
  }

  private static Future<Void> migrate(Vertx vertx, AppConfig config) {
    return Database.open(vertx, config)
        .compose(database -> database.migrate(vertx).eventually(() -> database.close(vertx)))
        .onSuccess(done -> vertx.close().onComplete(closed -> System.exit(0)));
  }

  /**
   * The shutdown hook: a graceful stop, then the exit status says how it went. The JVM would end a
   * process stopped by a signal with 128 + the signal (143), which orchestrators and supervisors
   * read as a failure even after a clean drain; a clean stop exits 0, one that failed or ran out of
   * time 1. {@code halt}, because {@code exit} inside a shutdown hook would wait for this very
   * hook. The hook also runs for a {@code System.exit}, whose status this would replace: nothing
   * calls it once the service is up (the exits above are all start failures, before the hook).
   */
  private static void stopOnSignal(App app, Vertx vertx, Tracing tracing) {
    LOG.info("Stopping");
    int status;
    try {
      app.stop()
          .eventually(vertx::close)
          .toCompletionStage()
          .toCompletableFuture()
          .get(
              app.config().shutdownDelay().plus(app.config().shutdownTimeout()).toMillis() + 10_000,
              java.util.concurrent.TimeUnit.MILLISECONDS);
      LOG.info("Stopped");
      status = 0;
    } catch (Exception e) {
      LOG.warn("Stop did not finish cleanly: {}", e.toString());
      status = 1;
    }
    // The spans of the last requests and of the stop itself, still queued for export.
    tracing.close();
    // The log lines above must reach their appenders before the process ends without the hooks.
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
      logs.stop();
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }
}
