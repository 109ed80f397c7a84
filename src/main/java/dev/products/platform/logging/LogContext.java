package dev.products.platform.logging;

import dev.products.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Fields every log line carries while one request is being served ({@code request_id}, {@code
 * user_id}). Thread-local MDC cannot do this on an event loop, which interleaves many requests on
 * one thread; Vert.x gives each HTTP request and each event bus message its own duplicated context,
 * so the fields live there and follow the request through its callbacks. Off a duplicated context
 * (start-up, timers) nothing is stored.
 */
public final class LogContext {

  public static final String REQUEST_ID = "request_id";
  public static final String USER_ID = "user_id";

  /**
   * The trace and span of the request (with tracing on): kept here when the request starts, so the
   * lines logged after its span has ended (the access log) still name the trace; while a span is
   * active, {@link ContextMdcAdapter} gives that span's ids instead.
   */
  public static final String TRACE_ID = "trace_id";

  public static final String SPAN_ID = "span_id";

  private static final Object KEY = LogContext.class;

  private LogContext() {}

  public static void put(String field, @Nullable String value) {
    if (value == null) {
      return;
    }
    ConcurrentMap<String, String> fields = fields(true);
    if (fields != null) {
      fields.put(field, value);
    }
  }

  /** Keeps the ids of the span now active, if any (see {@link #TRACE_ID}). */
  public static void putTrace() {
    SpanContext span = TraceContext.current();
    if (span != null) {
      put(TRACE_ID, span.getTraceId());
      put(SPAN_ID, span.getSpanId());
    }
  }

  public static @Nullable String get(String field) {
    ConcurrentMap<String, String> fields = fields(false);
    return fields == null ? null : fields.get(field);
  }

  /** The fields of the current request, or an empty map. */
  public static Map<String, String> current() {
    ConcurrentMap<String, String> fields = fields(false);
    return fields == null ? Map.of() : fields;
  }

  // "removal": its successor, ContextLocal, must be registered before the first Vertx instance
  // exists, which this class cannot guarantee for every embedder and test; Vert.x 5.0 still
  // offers localContextData, so it stays until a release removes it.
  @SuppressWarnings({"unchecked", "removal"})
  private static @Nullable ConcurrentMap<String, String> fields(boolean create) {
    Context context = Vertx.currentContext();
    if (!(context instanceof ContextInternal internal) || !internal.isDuplicate()) {
      return null;
    }
    ConcurrentMap<Object, Object> data = internal.localContextData();
    Object fields = data.get(KEY);
    if (fields == null && create) {
      fields = data.computeIfAbsent(KEY, key -> new ConcurrentHashMap<String, String>());
    }
    return (ConcurrentMap<String, String>) fields;
  }
}
