package dev.products.http;

import dev.products.BuildInfo;
import dev.products.Lifecycle;
import dev.products.auth.AuthHandlers;
import dev.products.auth.AuthUser;
import dev.products.auth.BearerAuthentication;
import dev.products.auth.PasswordHandlers;
import dev.products.auth.RequireRole;
import dev.products.categories.CategoryHandlers;
import dev.products.exports.ExportFiles;
import dev.products.exports.ExportHandlers;
import dev.products.http.contract.CachedValidatorsContract;
import dev.products.http.contract.ContractDocument;
import dev.products.http.contract.ContractRoutes;
import dev.products.http.contract.RequestMediaTypes;
import dev.products.http.contract.ValidatorContract;
import dev.products.http.docs.DocsRoutes;
import dev.products.http.edge.ClientAddress;
import dev.products.http.edge.CloseWhileStopping;
import dev.products.http.edge.EdgeHandlers;
import dev.products.http.edge.HeadAsGet;
import dev.products.http.edge.RequestDeadline;
import dev.products.http.edge.WellFormedTarget;
import dev.products.http.health.HealthHandlers;
import dev.products.http.problem.ProblemHandler;
import dev.products.jobs.JobStatusHandlers;
import dev.products.jobs.JobViews;
import dev.products.live.BridgeOrigins;
import dev.products.live.EventBusBridge;
import dev.products.live.LiveUpdates;
import dev.products.platform.bus.Bus;
import dev.products.platform.config.AppConfig;
import dev.products.products.ProductHandlers;
import dev.products.ratelimit.PerClientRateLimit;
import dev.products.users.UserHandlers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the router from {@code openapi.yaml}: the edge handlers run first on every route, each
 * operation of the contract is bound by its operationId (validated by the contract before its
 * handler runs), then the docs, and every failure or unmatched request ends in a problem.
 */
public final class ApiRouter {

  public static final String CONTRACT_PATH = "openapi.yaml";
  public static final String EVENTS_CONTRACT_PATH = "asyncapi.yaml";
  static final String SECURITY_SCHEME = "OAuth2PasswordBearer";

  private ApiRouter() {}

  public static Future<Router> create(
      Vertx vertx, AppConfig config, Lifecycle lifecycle, HttpServices services) {
    Future<Buffer> events = vertx.fileSystem().readFile(EVENTS_CONTRACT_PATH);
    return vertx
        .fileSystem()
        .readFile(CONTRACT_PATH)
        .compose(
            text -> {
              JsonObject published = ContractDocument.parse(text.toString(StandardCharsets.UTF_8));
              return OpenAPIContract.from(
                      vertx, ValidatorContract.adapt(published, SECURITY_SCHEME))
                  .compose(
                      contract ->
                          events.map(
                              eventsText ->
                                  build(
                                      vertx,
                                      config,
                                      lifecycle,
                                      services,
                                      contract,
                                      published,
                                      text,
                                      eventsText)));
            });
  }

  private static Router build(
      Vertx vertx,
      AppConfig config,
      Lifecycle lifecycle,
      HttpServices services,
      OpenAPIContract contract,
      JsonObject published,
      Buffer contractText,
      Buffer eventsText) {
    RouterBuilder builder =
        RouterBuilder.create(
            vertx, CachedValidatorsContract.of(contract), RequestExtractor.withBodyHandler());
    ContractRoutes routes = new ContractRoutes(contract);
    ProblemHandler problems = new ProblemHandler(services.observability().errors(), routes);
    // Order matters (vertx-web enforces it): platform handlers, then security policies, then the
    // body.
    builder.rootHandler(new CloseWhileStopping(lifecycle));
    builder.rootHandler(new HeadAsGet());
    builder.rootHandler(new RequestIds());
    builder.rootHandler(new RequestDeadline(config.edge().requestTimeout()));
    builder.rootHandler(new ClientAddress(config.edge().trustedProxies()));
    builder.rootHandler(new AccessLog(routes));
    builder.rootHandler(new WellFormedTarget(problems));
    EdgeHandlers.securityPolicies(config).forEach(builder::rootHandler);
    builder.rootHandler(new PerClientRateLimit(services.rateLimits(), config.rateLimits().perIp()));
    builder.rootHandler(new RequestMediaTypes(routes, published, problems));
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));

    Bus bus = new Bus(vertx, config.bus());
    ProductHandlers products = new ProductHandlers(bus, services.observability().business());
    HealthHandlers health = new HealthHandlers(vertx, bus, lifecycle, !config.profile().isProd());
    AuthHandlers auth =
        new AuthHandlers(
            bus,
            services.passwords(),
            services.accessTokens(),
            config.jwt(),
            services.loginThrottle());
    PasswordHandlers passwordHandlers =
        new PasswordHandlers(bus, services.passwords(), services.loginThrottle());
    UserHandlers users = new UserHandlers(bus, vertx.eventBus());
    BearerAuthentication bearer = new BearerAuthentication(services.accessTokens(), bus);
    Handler<RoutingContext> adminOnly = RequireRole.of(AuthUser.ADMIN);
    JobViews jobViews = new JobViews(bus);
    JobStatusHandlers jobs = new JobStatusHandlers(jobViews);
    ExportHandlers exports =
        new ExportHandlers(bus, jobViews, new ExportFiles(config.dataDir()), config.exports());

    // Categories list their own bindings (writes behind adminOnly); the others are listed here.
    Map<String, List<Handler<RoutingContext>>> operations =
        new HashMap<>(CategoryHandlers.operations(bus, adminOnly));
    operations.putAll(
        Map.ofEntries(
            Map.entry("getServiceInfo", List.of(ApiRouter::serviceInfo)),
            Map.entry("getLiveness", List.of(health::liveness)),
            Map.entry("getReadiness", List.of(health::readiness)),
            Map.entry(
                "getMetrics",
                List.of(
                    // Prod keeps operations data off the public port: on MANAGEMENT_PORT or
                    // nowhere.
                    config.managementPort() > 0 || config.profile().isProd()
                        ? rc -> rc.fail(404)
                        : PrometheusScrapingHandler.create(services.observability().registry()))),
            Map.entry("createProduct", List.of(products::create)),
            Map.entry("listProducts", List.of(products::list)),
            Map.entry("getProduct", List.of(products::get)),
            Map.entry("updateProduct", List.of(products::update)),
            Map.entry("deleteProduct", List.of(products::delete)),
            Map.entry("register", List.of(auth::register)),
            Map.entry("issueToken", List.of(auth::token)),
            Map.entry("refreshToken", List.of(auth::refresh)),
            Map.entry("logout", List.of(auth::logout)),
            Map.entry("requestPasswordReset", List.of(passwordHandlers::requestReset)),
            Map.entry("resetPassword", List.of(passwordHandlers::reset)),
            Map.entry("changePassword", List.of(passwordHandlers::change)),
            Map.entry("getCurrentUser", List.of(users::me)),
            Map.entry("listUsers", List.of(adminOnly, users::list)),
            Map.entry("updateUser", List.of(adminOnly, users::update)),
            Map.entry("createExport", List.of(exports::create)),
            Map.entry("downloadExport", List.of(exports::download)),
            Map.entry("getJob", List.of(jobs::get))));

    // The contract says which operations need a token; the security binding checks the JWT,
    // then the current-user step checks the account and the token's revocation.
    builder.security(SECURITY_SCHEME).httpHandler(bearer.jwtHandler());
    builder
        .getRoutes()
        .forEach(
            route -> {
              String operationId = route.getOperation().getOperationId();
              List<Handler<RoutingContext>> handlers = operations.get(operationId);
              if (handlers == null) {
                throw new IllegalStateException(
                    "openapi.yaml declares " + operationId + " but no handler is bound to it");
              }
              if (!route.getOperation().getSecurityRequirements().isEmpty()) {
                route.addHandler(bearer.currentUserHandler());
              }
              handlers.forEach(route::addHandler);
            });

    Router router = builder.createRouter();
    // WebSockets are outside what OpenAPI describes: asyncapi.yaml documents this one.
    router.get(LiveUpdates.PATH).handler(services.live()::upgrade);
    router
        .route(EventBusBridge.PATH + "/*")
        .handler(new BridgeOrigins(config.edge().corsOrigins()));
    router
        .route(EventBusBridge.PATH + "/*")
        .subRouter(EventBusBridge.create(vertx, services.live()));
    DocsRoutes.mount(router, contractText, eventsText);

    router.route().failureHandler(problems);
    // Whatever ends in the router's own error path (a failure no failure route took) leaves as a
    // problem too.
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, problems);
    }
    return router;
  }

  private static void serviceInfo(RoutingContext rc) {
    BuildInfo build = BuildInfo.current();
    Responses.json(
        rc,
        200,
        new JsonObject()
            .put("service", build.service())
            .put("version", build.version())
            .put("docs", "/docs"));
  }
}
