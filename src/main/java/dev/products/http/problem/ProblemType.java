package dev.products.http.problem;

/** The kinds of problem the API answers with; {@link #uri()} is the RFC 9457 {@code type}. */
public enum ProblemType {
  VALIDATION("validation", "The request is not valid", 400),
  MALFORMED_REQUEST("malformed-request", "The request could not be read", 400),
  UNAUTHORIZED("unauthorized", "Authentication required", 401),
  FORBIDDEN("forbidden", "Forbidden", 403),
  NOT_FOUND("not-found", "Not found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
  REQUEST_TIMEOUT("request-timeout", "Request timeout", 408),
  CONFLICT("conflict", "Conflict", 409),
  GONE("gone", "Gone", 410),
  PRECONDITION_FAILED("precondition-failed", "The resource has changed", 412),
  UNPROCESSABLE("unprocessable", "The request cannot be processed as sent", 422),
  PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
  URI_TOO_LONG("uri-too-long", "The request target is too long", 414),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
  HEADERS_TOO_LARGE("headers-too-large", "The request headers are too large", 431),
  TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
  SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
  INTERNAL("internal", "Internal server error", 500);

  private final String slug;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  public String uri() {
    return "/problems/" + slug;
  }

  public String title() {
    return title;
  }

  public int status() {
    return status;
  }

  /** The generic problem for an HTTP status that has no more specific kind. */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status && type != MALFORMED_REQUEST) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
  }
}
