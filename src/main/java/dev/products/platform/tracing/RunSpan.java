package dev.products.platform.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.internal.ContextInternal;
import io.vertx.tracing.opentelemetry.VertxContextStorageProvider.VertxContextStorage;
import org.jspecify.annotations.Nullable;

/**
 * The span of one run of background work, the root of a trace of its own, linked to the span that
 * asked for the work (a request that queued a job): the run is not part of the request's trace,
 * which has long been answered, but each leads to the other. The span is held by the Vert.x context
 * the run was begun on until {@link #end()}, so everything the run does there (bus requests, SQL)
 * is in its trace.
 */
public final class RunSpan {

  private static final RunSpan NONE = new RunSpan(null, Scope.noop());

  private final @Nullable Span span;
  private final Scope scope;

  private RunSpan(@Nullable Span span, Scope scope) {
    this.span = span;
    this.scope = scope;
  }

  /**
   * Begins the run's span on {@code context}, which should be the run's own (a fresh duplicate): it
   * holds the span until {@link #end()}. Nothing when tracing is off.
   *
   * @param linkedTraceparent the W3C {@code traceparent} of the span to link to, if any
   */
  static RunSpan begin(
      Tracing tracing,
      ContextInternal context,
      String name,
      @Nullable String linkedTraceparent,
      Attributes attributes) {
    if (!tracing.enabled()) {
      return NONE;
    }
    SpanBuilder builder =
        tracing
            .tracer()
            .spanBuilder(name)
            .setNoParent()
            .setSpanKind(SpanKind.CONSUMER)
            .setAllAttributes(attributes);
    SpanContext linked = TraceContext.parse(linkedTraceparent);
    if (linked != null) {
      builder.addLink(linked);
    }
    Span span = builder.startSpan();
    Scope scope = VertxContextStorage.INSTANCE.attach(context, Context.root().with(span));
    return new RunSpan(span, scope);
  }

  /** The run failed (its span ends as an error). */
  public void failed(Throwable failure) {
    Span current = span;
    if (current != null) {
      current.recordException(failure);
      current.setStatus(
          StatusCode.ERROR,
          failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }
  }

  /** Ends the span and takes it off the run's context. */
  public void end() {
    Span current = span;
    if (current != null) {
      current.end();
    }
    scope.close();
  }
}
