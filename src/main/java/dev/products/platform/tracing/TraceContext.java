package dev.products.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.vertx.core.internal.ContextInternal;
import io.vertx.tracing.opentelemetry.VertxContextStorageProvider.VertxContextStorage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The span being served on this Vert.x context, as ids: for log lines, problem bodies and the jobs
 * a request queues. Vert.x keeps the active span in the context of the request (or bus message), so
 * these work on any event loop. With tracing off there is never a span, and every answer is null.
 */
public final class TraceContext {

  /** W3C Trace Context, version 00: {@code 00-<trace id>-<parent id>-<flags>}. */
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  private TraceContext() {}

  /** The span being served here, or null (no trace, or tracing off). */
  public static @Nullable SpanContext current() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context : null;
  }

  /** The current trace's id, 32 lowercase hex digits. */
  public static @Nullable String traceId() {
    SpanContext context = current();
    return context == null ? null : context.getTraceId();
  }

  /** The current span's id, 16 lowercase hex digits. */
  public static @Nullable String spanId() {
    SpanContext context = current();
    return context == null ? null : context.getSpanId();
  }

  /** The current span as a W3C {@code traceparent} value, to be carried beyond this request. */
  public static @Nullable String traceparent() {
    SpanContext context = current();
    return context == null
        ? null
        : "00-"
            + context.getTraceId()
            + "-"
            + context.getSpanId()
            + "-"
            + context.getTraceFlags().asHex();
  }

  /**
   * Runs {@code action} now, on a duplicate of {@code context} whose active span is the one {@code
   * traceparent} names, so what it sends on the bus (a publish) is in that span's trace, as its
   * child; without a valid {@code traceparent}, just runs it. For work done on behalf of a request
   * after it was answered, possibly on another node (the relay publishing a write's event).
   */
  public static void runAsChildOf(
      io.vertx.core.Context context, @Nullable String traceparent, Runnable action) {
    SpanContext parent = parse(traceparent);
    if (parent == null) {
      action.run();
      return;
    }
    ContextInternal duplicate = ((ContextInternal) context).duplicate();
    Scope scope =
        VertxContextStorage.INSTANCE.attach(
            duplicate, io.opentelemetry.context.Context.root().with(Span.wrap(parent)));
    try {
      duplicate.dispatch(action);
    } finally {
      scope.close();
    }
  }

  /** The span a {@code traceparent} value names, or null for a missing or malformed one. */
  public static @Nullable SpanContext parse(@Nullable String traceparent) {
    if (traceparent == null) {
      return null;
    }
    Matcher m = TRACEPARENT.matcher(traceparent);
    if (!m.matches()) {
      return null;
    }
    SpanContext context =
        SpanContext.createFromRemoteParent(
            m.group(1), m.group(2), TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
    return context.isValid() ? context : null;
  }
}
