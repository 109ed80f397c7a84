package dev.products.http.edge;

import dev.products.http.health.HealthHandlers;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.List;
import java.util.Locale;

/**
 * Refuses requests whose {@code Host} is not one of ALLOWED_HOSTS (400 problem), so the service
 * cannot be reached under names it does not own (DNS rebinding, host-header poisoning). Entries:
 * {@code example.com} (any port), {@code example.com:8443}, {@code *.example.com}.
 */
public final class TrustedHosts implements SecurityPolicyHandler {

  private final List<String> allowed;

  public TrustedHosts(List<String> allowed) {
    this.allowed = allowed.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public void handle(RoutingContext rc) {
    // Orchestrators probe by address (the image's HEALTHCHECK asks 127.0.0.1, Kubernetes the pod
    // IP), never by the public name; the probes reveal nothing a host check would protect.
    if (allowed.isEmpty()
        || HealthHandlers.PROBES.contains(rc.request().path())
        || isAllowed(rc.request().getHeader("Host"))) {
      rc.next();
    } else {
      rc.fail(new HttpException(400, "the Host header names a host this service does not serve"));
    }
  }

  boolean isAllowed(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    String authority = hostHeader.trim().toLowerCase(Locale.ROOT);
    String host = stripPort(authority);
    for (String entry : allowed) {
      if (entry.equals(authority) || entry.equals(host)) {
        return true;
      }
      if (entry.startsWith("*.") && host.endsWith(entry.substring(1))) {
        return true;
      }
    }
    return false;
  }

  private static String stripPort(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end > 0 ? authority.substring(0, end + 1) : authority;
    }
    int colon = authority.lastIndexOf(':');
    return colon > 0 ? authority.substring(0, colon) : authority;
  }
}
