package dev.products.platform.metrics;

import dev.products.BuildInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.stream.Collectors;

/**
 * {@code build_info{version, java_version} 1}: the Prometheus convention for "which build is
 * running", so a dashboard can show a version per instance and a rollout can be followed by joining
 * other series on it. The version is the pom's, the same one {@code --version}, {@code GET /} and
 * Sentry's release report.
 */
public final class BuildInfoMetric {

  private BuildInfoMetric() {}

  /** Registering again (a second app in one process shares the registry) keeps the one gauge. */
  public static void register(MeterRegistry registry) {
    BuildInfo build = BuildInfo.current();
    Gauge.builder("build.info", () -> 1)
        .description("The running build: always 1, the version is in the labels")
        .tag("service", build.service())
        .tag("version", build.version())
        .tag("java_version", javaVersion())
        .register(registry);
  }

  /** The runtime's version without its build suffix (17.0.15, not 17.0.15+6-Debian-1deb12u1). */
  private static String javaVersion() {
    return Runtime.version().version().stream()
        .map(String::valueOf)
        .collect(Collectors.joining("."));
  }
}
