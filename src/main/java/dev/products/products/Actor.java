package dev.products.products;

import org.jspecify.annotations.Nullable;

/** Who asks for a write: the authenticated user and their role at the time of the request. */
public record Actor(long id, @Nullable String role) {

  boolean admin() {
    return "admin".equals(role);
  }
}
