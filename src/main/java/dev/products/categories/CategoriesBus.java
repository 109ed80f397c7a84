package dev.products.categories;

import dev.products.platform.bus.BusFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The event bus contract of categories: every address and every message shape, in one place, both
 * the writing ({@link #create} …) and the reading ({@link #id} …) of each body, so nothing else in
 * the feature touches a message by key. A category travels as the API's JSON: {@code {"id", "name",
 * "slug", "description", "version", "created_at", "updated_at"}}.
 *
 * <p>All addresses are request/reply, registered as <em>local</em> consumers by {@link
 * CategoryStoreVerticle}. Failures come back as {@link io.vertx.core.eventbus.ReplyException} with
 * a {@link BusFailure} code. Who may write is decided at the HTTP edge (admins only), as for users.
 */
public final class CategoriesBus {

  /**
   * {@code {"category": {"name", "slug", "description"?}}} → the category, or {@link
   * BusFailure#CONFLICT} when the name or the slug is taken.
   */
  public static final String CREATE = "categories.create";

  /** {@code {"id"}} → the category, or {@link BusFailure#NOT_FOUND}. */
  public static final String GET = "categories.get";

  /** {@code {"limit", "offset"}} → {@code {"items": [category…], "total", "limit", "offset"}}. */
  public static final String LIST = "categories.list";

  /**
   * {@code {"id", "changes": {field: value…}, "if_match"?: [version…]}} → the updated category, its
   * version moved by one; {@link BusFailure#NOT_FOUND}, {@link BusFailure#CONFLICT} (name or slug
   * taken), or {@link BusFailure#PRECONDITION_FAILED} when {@code if_match} is given and the
   * category's version is not in it. Only the fields present in {@code changes} are written.
   */
  public static final String UPDATE = "categories.update";

  /**
   * {@code {"id", "if_match"?: [version…]}} → {@code {}}; {@link BusFailure#NOT_FOUND}, {@link
   * BusFailure#PRECONDITION_FAILED} as for {@link #UPDATE}, or {@link BusFailure#CONFLICT} while
   * products still belong to the category.
   */
  public static final String DELETE = "categories.delete";

  private CategoriesBus() {}

  // Requests, as the HTTP handlers write them.

  public static JsonObject create(JsonObject category) {
    return new JsonObject().put("category", category);
  }

  public static JsonObject byId(long id) {
    return new JsonObject().put("id", id);
  }

  public static JsonObject page(int limit, long offset) {
    return new JsonObject().put("limit", limit).put("offset", offset);
  }

  /**
   * A merge patch of a category.
   *
   * @param ifMatch the versions the write may apply to, or null for any
   */
  public static JsonObject update(long id, JsonObject changes, @Nullable List<Integer> ifMatch) {
    return byId(id).put("changes", changes).put("if_match", versions(ifMatch));
  }

  /**
   * Delete a category.
   *
   * @param ifMatch the versions the delete may apply to, or null for any
   */
  public static JsonObject delete(long id, @Nullable List<Integer> ifMatch) {
    return byId(id).put("if_match", versions(ifMatch));
  }

  // Requests, as the store reads them.

  static JsonObject category(JsonObject create) {
    return create.getJsonObject("category");
  }

  static long id(JsonObject request) {
    return request.getLong("id");
  }

  static int limit(JsonObject page) {
    return page.getInteger("limit");
  }

  static long offset(JsonObject page) {
    return page.getLong("offset");
  }

  static JsonObject changes(JsonObject update) {
    return update.getJsonObject("changes");
  }

  /** The versions a write may apply to, or null for any. */
  static Integer @Nullable [] ifMatch(JsonObject request) {
    JsonArray versions = request.getJsonArray("if_match");
    return versions == null
        ? null
        : versions.stream().map(v -> ((Number) v).intValue()).toArray(Integer[]::new);
  }

  // Replies, as the HTTP handlers read them.

  /** The id of a category in a reply. */
  static long idOf(JsonObject category) {
    return category.getLong("id");
  }

  /** The version of a category in a reply: its entity tag. */
  static int versionOf(JsonObject category) {
    return category.getInteger("version");
  }

  private static @Nullable JsonArray versions(@Nullable List<Integer> ifMatch) {
    return ifMatch == null ? null : new JsonArray(ifMatch);
  }
}
