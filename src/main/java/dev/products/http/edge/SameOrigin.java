package dev.products.http.edge;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** Whether a request's {@code Origin} is the service itself, as the browser saw it. */
public final class SameOrigin {

  private SameOrigin() {}

  /** True when the page that sent {@code origin} is served by this {@code host}. */
  public static boolean as(String origin, @Nullable String host) {
    if (host == null) {
      return false;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host.trim());
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
