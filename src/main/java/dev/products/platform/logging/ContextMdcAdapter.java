package dev.products.platform.logging;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.products.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.spi.MDCAdapter;

/**
 * Logback's MDC, plus the {@link LogContext} fields of the request being served on this Vert.x
 * context. Installed once; every appender and encoder then sees {@code request_id} and {@code
 * user_id} as ordinary MDC entries, and, with tracing on, {@code trace_id} and {@code span_id} of
 * the span active where the line is logged.
 */
final class ContextMdcAdapter implements MDCAdapter {

  private final LogbackMDCAdapter threadLocal = new LogbackMDCAdapter();

  @Override
  public Map<String, String> getCopyOfContextMap() {
    Map<String, String> request = LogContext.current();
    // With tracing on, the span active here (a request's, a bus hop's, a job run's).
    SpanContext span = TraceContext.current();
    // Logback declares this method with a raw Map; its entries are the String pairs put() stores.
    @SuppressWarnings("unchecked")
    Map<String, String> thread = threadLocal.getCopyOfContextMap();
    if (request.isEmpty() && span == null) {
      return thread;
    }
    Map<String, String> merged = thread == null ? new HashMap<>() : new HashMap<>(thread);
    merged.putAll(request);
    if (span != null) {
      merged.put(LogContext.TRACE_ID, span.getTraceId());
      merged.put(LogContext.SPAN_ID, span.getSpanId());
    }
    return merged;
  }

  @Override
  public String get(String key) {
    if (key.equals(LogContext.TRACE_ID) || key.equals(LogContext.SPAN_ID)) {
      SpanContext span = TraceContext.current();
      if (span != null) {
        return key.equals(LogContext.TRACE_ID) ? span.getTraceId() : span.getSpanId();
      }
    }
    String value = LogContext.get(key);
    return value != null ? value : threadLocal.get(key);
  }

  @Override
  public void put(String key, String val) {
    threadLocal.put(key, val);
  }

  @Override
  public void remove(String key) {
    threadLocal.remove(key);
  }

  @Override
  public void clear() {
    threadLocal.clear();
  }

  @Override
  public void setContextMap(Map<String, String> contextMap) {
    threadLocal.setContextMap(contextMap);
  }

  @Override
  public void pushByKey(String key, String value) {
    threadLocal.pushByKey(key, value);
  }

  @Override
  public String popByKey(String key) {
    return threadLocal.popByKey(key);
  }

  @Override
  public Deque<String> getCopyOfDequeByKey(String key) {
    return threadLocal.getCopyOfDequeByKey(key);
  }

  @Override
  public void clearDequeByKey(String key) {
    threadLocal.clearDequeByKey(key);
  }
}
