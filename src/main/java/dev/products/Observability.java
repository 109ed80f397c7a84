package dev.products;

import dev.products.platform.errors.ErrorTracking;
import dev.products.platform.metrics.BusinessMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One per process, shared by every verticle instance: where failures are reported and figures
 * recorded.
 */
public record Observability(
    ErrorTracking errors, PrometheusMeterRegistry registry, BusinessMetrics business) {}
