package dev.products.http.problem;

import dev.products.auth.BearerAuthentication;
import dev.products.http.RequestIds;
import dev.products.http.contract.ContractRoutes;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.errors.ErrorTracking;
import dev.products.platform.logging.LogContext;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: every failed or unmatched request ends here and leaves
 * as an RFC 9457 problem. A 500 is logged with its stack trace under the request id and reported to
 * error tracking; its body says only that something failed.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  private final ErrorTracking errors;
  private final ContractRoutes routes;

  /**
   * @param routes the contract's path templates (for the error report) and methods (for a 405's
   *     Allow)
   */
  public ProblemHandler(ErrorTracking errors, ContractRoutes routes) {
    this.errors = errors;
    this.routes = routes;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (rc.response().ended()) {
      // Answered already (a deadline's 408/503, typically); the late failure has nobody to go to.
      LOG.debug("Failure after the response ended for request {}", RequestIds.of(rc), rc.failure());
      return;
    }
    if (rc.response().headWritten()) {
      // Too late for a problem document: the status is already on the wire.
      LOG.warn(
          "Failure after the response started for request {}", RequestIds.of(rc), rc.failure());
      rc.response().reset();
      return;
    }
    send(rc, problemFor(rc));
  }

  /** Answers with a problem directly, for edge checks that must not go through routing again. */
  public void send(RoutingContext rc, Problem problem) {
    if (problem.status() == 401 && rc.response().headers().get("WWW-Authenticate") == null) {
      rc.response().putHeader("WWW-Authenticate", BearerAuthentication.CHALLENGE);
    }
    if (problem.status() == 405) {
      rc.response().putHeader(HttpHeaders.ALLOW, routes.allow(rc));
    }
    if (problem.status() >= 500 && problem.type() == ProblemType.INTERNAL) {
      String route = routes.template(rc);
      LOG.error("Unhandled failure on {} {}", rc.request().method(), route, rc.failure());
      Throwable failure =
          rc.failure() != null
              ? rc.failure()
              : new IllegalStateException("status 500 without a failure");
      errors.report(
          failure,
          Map.of(
              "request_id", RequestIds.of(rc),
              "route", route,
              "method", rc.request().method().name()),
          LogContext.get(LogContext.USER_ID));
    }
    problem.send(rc.response(), rc.request().path(), RequestIds.of(rc));
  }

  private static Problem problemFor(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof HttpException http
        && http.getCause() instanceof ValidatorException validation) {
      return ValidationProblems.from(validation);
    }
    if (failure instanceof ValidatorException validation) {
      return ValidationProblems.from(validation);
    }
    if (failure instanceof ReplyException reply) {
      return fromBus(reply);
    }
    if (failure instanceof DecodeException) {
      return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not well-formed JSON");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
    if (status < 400 || status > 599) {
      status = 500;
    }
    if (status < 500 && failure instanceof HttpException http && http.getPayload() != null) {
      return Problem.of(ProblemType.forStatus(status), http.getPayload());
    }
    if (status == 401 && failure instanceof HttpException) {
      return Problem.of(ProblemType.UNAUTHORIZED, "A valid bearer token is required");
    }
    return Problem.of(ProblemType.forStatus(status), detailFor(status, rc));
  }

  private static Problem fromBus(ReplyException reply) {
    BusFailure failure = BusFailure.of(reply);
    // The stores always fail with a message; a bare code still gets a sentence, never "null".
    String message = Objects.requireNonNullElse(reply.getMessage(), "The request was refused");
    return switch (failure) {
      case NOT_FOUND -> Problem.of(ProblemType.NOT_FOUND, message);
      case UNAUTHORIZED -> Problem.of(ProblemType.UNAUTHORIZED, message);
      case FORBIDDEN -> Problem.of(ProblemType.FORBIDDEN, message);
      case CONFLICT -> Problem.of(ProblemType.CONFLICT, message);
      case PRECONDITION_FAILED -> Problem.of(ProblemType.PRECONDITION_FAILED, message);
      case UNPROCESSABLE -> Problem.of(ProblemType.UNPROCESSABLE, message);
      case TOO_MANY_REQUESTS -> Problem.of(ProblemType.TOO_MANY_REQUESTS, message);
      case INVALID -> Problem.of(ProblemType.VALIDATION, message);
      case UNAVAILABLE ->
          Problem.of(
              ProblemType.SERVICE_UNAVAILABLE,
              "A dependency of the service is unavailable; retry later");
      case INTERNAL ->
          Problem.of(ProblemType.INTERNAL, "The request failed unexpectedly; it has been logged");
    };
  }

  private static String detailFor(int status, RoutingContext rc) {
    return switch (status) {
      case 404 -> "No resource at " + rc.request().path();
      case 405 ->
          "The method " + rc.request().method() + " is not allowed on " + rc.request().path();
      case 408 -> "The request was not received in time";
      case 413 -> "The request body is larger than the service accepts";
      case 414 -> "The request target is longer than the service accepts";
      case 415 -> "The request body must be sent as application/json";
      case 431 -> "The request headers are larger than the service accepts";
      case 500 -> "The request failed unexpectedly; it has been logged";
      case 503 -> "The service could not answer in time; retry later";
      default -> ProblemType.forStatus(status).title();
    };
  }
}
