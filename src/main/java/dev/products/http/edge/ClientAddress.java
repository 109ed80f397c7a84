package dev.products.http.edge;

import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.Set;

/**
 * Who the client is: the peer address, unless the peer is a configured trusted proxy, in which case
 * the nearest untrusted address of {@code X-Forwarded-For}. Anyone else's X-Forwarded-* headers are
 * ignored, so a client cannot pick its own address to dodge per-IP limits.
 */
public final class ClientAddress implements PlatformHandler {

  private static final String KEY = "client_ip";

  private final Set<String> trustedProxies;

  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  @Override
  public void handle(RoutingContext rc) {
    rc.put(KEY, resolve(rc));
    rc.next();
  }

  private String resolve(RoutingContext rc) {
    SocketAddress peer = rc.request().remoteAddress();
    String address = peer == null ? "unknown" : peer.hostAddress();
    if (!trustedProxies.contains(address)) {
      return address;
    }
    String forwarded = rc.request().getHeader("X-Forwarded-For");
    if (forwarded == null) {
      return address;
    }
    String[] hops = forwarded.split(",", -1);
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty() || trustedProxies.contains(hop)) {
        continue;
      }
      // The first hop our proxies did not add is the client, if it is an address at all: anything
      // else (a name, markup, a typo) would become a rate-limit key and the logs' client value, so
      // the request counts as the proxy's own.
      return NetUtil.isValidIpV4Address(hop) || NetUtil.isValidIpV6Address(hop) ? hop : address;
    }
    return address;
  }

  /** The client's address for this request. */
  public static String of(RoutingContext rc) {
    String ip = rc.get(KEY);
    return ip != null
        ? ip
        : rc.request().remoteAddress() == null
            ? "unknown"
            : rc.request().remoteAddress().hostAddress();
  }
}
