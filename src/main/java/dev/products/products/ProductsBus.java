package dev.products.products;

import dev.products.platform.bus.BusFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The event bus contract of the products repository: every address and every message shape, in one
 * place. Bodies are JSON objects with snake_case keys, the same names as the HTTP API.
 *
 * <p>All addresses here are request/reply and are registered as <em>local</em> consumers: each node
 * answers its own requests, so a clustered deploy never sends one node's database call to another
 * node. Failures come back as {@link io.vertx.core.eventbus.ReplyException} with a {@link
 * BusFailure} code.
 */
public final class ProductsBus {

  /**
   * {@code {"product": {"name", "description"?, "price_cents", "stock"?}, "actor": actor,
   * "idempotency"?: {"key", "request_hash"}}} → {@code {"product", "replayed"}}: the created
   * product, owned by the actor; with an idempotency key already used by the actor for the same
   * request hash, the product it created then ({@code replayed} true); for another hash {@link
   * BusFailure#UNPROCESSABLE}.
   */
  public static final String CREATE = "products.create";

  /** {@code {"id"}} → the product, or {@link BusFailure#NOT_FOUND}. */
  public static final String GET = "products.get";

  /** {@code {"limit", "offset"}} → {@code {"items": [product…], "total", "limit", "offset"}}. */
  public static final String LIST = "products.list";

  /**
   * {@code {"id", "changes": {field: value…}, "actor": actor, "if_match"?: [version…]}} → the
   * updated product, its version moved by one; {@link BusFailure#NOT_FOUND}, {@link
   * BusFailure#FORBIDDEN} unless the actor owns it or is an admin, or {@link
   * BusFailure#PRECONDITION_FAILED} when {@code if_match} is given and the product's version is not
   * in it. Only the fields present in {@code changes} are written.
   */
  public static final String UPDATE = "products.update";

  /**
   * {@code {"id", "actor": actor, "if_match"?: [version…]}} → an empty reply; failures as for
   * {@link #UPDATE}.
   */
  public static final String DELETE = "products.delete";

  /**
   * {@code {"owner_id"?, "after_id", "limit"}} → {@code {"items": [product…]}}: up to {@code limit}
   * products with ids above {@code after_id}, in id order; only {@code owner_id}'s when given
   * (exports page through every product this way without OFFSET).
   */
  public static final String EXPORT_PAGE = "products.export-page";

  /** {@code {"owner_id"?}} → {@code {"total"}}: how many products there are (of that owner). */
  public static final String COUNT = "products.count";

  private ProductsBus() {}

  /**
   * One page of an export, by id after {@code afterId}.
   *
   * @param ownerId only this user's products, or null for all
   */
  public static JsonObject exportPage(@Nullable Long ownerId, long afterId, int limit) {
    return new JsonObject().put("owner_id", ownerId).put("after_id", afterId).put("limit", limit);
  }

  /**
   * How many products an export will write.
   *
   * @param ownerId only this user's products, or null for all
   */
  public static JsonObject count(@Nullable Long ownerId) {
    return new JsonObject().put("owner_id", ownerId);
  }

  public static JsonObject byId(long id) {
    return new JsonObject().put("id", id);
  }

  /** Who acts: {@code {"id", "role"}}. */
  public static JsonObject actor(long userId, @Nullable String role) {
    return new JsonObject().put("id", userId).put("role", role);
  }

  /**
   * Create a product.
   *
   * @param idempotencyKey null when the client sent none
   */
  public static JsonObject create(
      JsonObject product,
      JsonObject actor,
      @Nullable String idempotencyKey,
      @Nullable String requestHash) {
    JsonObject create = new JsonObject().put("product", product).put("actor", actor);
    if (idempotencyKey != null) {
      create.put(
          "idempotency",
          new JsonObject().put("key", idempotencyKey).put("request_hash", requestHash));
    }
    return create;
  }

  /**
   * Delete a product.
   *
   * @param ifMatch the versions the write may apply to, or null for any
   */
  public static JsonObject delete(long id, JsonObject actor, @Nullable List<Integer> ifMatch) {
    return new JsonObject()
        .put("id", id)
        .put("actor", actor)
        .put("if_match", ifMatch == null ? null : new JsonArray(ifMatch));
  }

  public static JsonObject page(int limit, long offset) {
    return new JsonObject().put("limit", limit).put("offset", offset);
  }

  /**
   * Update a product with a merge patch.
   *
   * @param ifMatch the versions the write may apply to, or null for any
   */
  public static JsonObject update(
      long id, JsonObject changes, JsonObject actor, @Nullable List<Integer> ifMatch) {
    return new JsonObject()
        .put("id", id)
        .put("changes", changes)
        .put("actor", actor)
        .put("if_match", ifMatch == null ? null : new JsonArray(ifMatch));
  }
}
