package dev.products.products;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.store.Page;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The event bus contract of products: every address, with the records it takes and answers, in one
 * place. All addresses are request/reply between this node's verticles (local consumers, so a
 * clustered deploy never sends one node's database call to another node); failures come back as a
 * {@link io.vertx.core.eventbus.ReplyException} with a {@link BusFailure} code. The cluster-wide
 * events are {@link ProductEvents}.
 */
public final class ProductsBus {

  /**
   * Creates a product owned by the actor. With an idempotency key the actor already used for the
   * same request hash, the product it created then ({@code replayed}); for another hash {@link
   * BusFailure#UNPROCESSABLE}. Commits, makes the cache coherent and publishes the event before it
   * replies.
   */
  public static final Address<Create, Created> CREATE = Address.of("products.create");

  /** The product from the database, or {@link BusFailure#NOT_FOUND}. Reads go through the cache. */
  public static final Address<ById, Product> GET = Address.of("products.get");

  /** One page, newest first, with the exact total (of the category, when one is named). */
  public static final Address<ListRequest, Page<Product>> LIST = Address.of("products.list");

  /**
   * Writes the fields the changes carry and moves the version by one; {@link BusFailure#NOT_FOUND},
   * {@link BusFailure#FORBIDDEN} unless the actor owns it or is an admin, {@link
   * BusFailure#PRECONDITION_FAILED} when the product's version is not one of {@code ifMatch}.
   */
  public static final Address<Update, Product> UPDATE = Address.of("products.update");

  /** Deletes; failures as for {@link #UPDATE}. */
  public static final Address<Delete, Void> DELETE = Address.of("products.delete");

  /**
   * Up to {@code limit} products with ids above {@code afterId}, in id order (exports page through
   * every product this way, without OFFSET).
   */
  public static final Address<ExportPage, Batch> EXPORT_PAGE = Address.of("products.export-page");

  /** How many products there are (of one owner). */
  public static final Address<Count, Long> COUNT = Address.of("products.count");

  /**
   * The outbox's events after {@code after}, in event id order, at most {@code limit}: for a
   * subscriber that resumes. The page says how far retention has deleted, so a resume from before
   * that is told it cannot be complete.
   */
  public static final Address<EventsAfter, EventPage> EVENTS_AFTER =
      Address.of("products.events-after");

  /**
   * The newest write of each product the outbox recorded in the last {@code within}: a node that
   * starts takes floors from them, for the writes it was not there to hear.
   */
  public static final Address<RecentWrites, Writes> RECENT_WRITES =
      Address.of("products.recent-writes");

  private ProductsBus() {}

  /** Writes recorded within this long before now. */
  public record RecentWrites(java.time.Duration within) {}

  /** One per product: its last write ({@link CacheBus#DELETED} for a delete). */
  public record Writes(List<CacheBus.Written> writes) {}

  /** Events with ids above {@code after}, at most {@code limit} of them. */
  public record EventsAfter(long after, int limit) {}

  /**
   * A page of the outbox, with its bounds.
   *
   * @param purgedThrough events up to this id may have been deleted (EVENT_RETENTION)
   * @param newest the highest event id numbered so far (0: none yet)
   */
  public record EventPage(List<ProductEvent> events, long purgedThrough, long newest) {

    /** Whether a resume after {@code after} can be served completely. */
    public boolean complete(long after) {
      return after >= purgedThrough && after <= newest;
    }
  }

  /** The product with this id. */
  public record ById(long id) {}

  /**
   * A new product as the client sent it.
   *
   * @param stock 0 when the client sent none
   */
  public record NewProduct(
      String name,
      @Nullable String description,
      long priceCents,
      int stock,
      @Nullable Long categoryId) {

    /** From a body already validated against the contract's {@code ProductCreate}. */
    public static NewProduct fromJson(JsonObject body) {
      return new NewProduct(
          body.getString("name"),
          body.getString("description"),
          body.getLong("price_cents"),
          body.getInteger("stock", 0),
          body.getLong("category_id"));
    }
  }

  /**
   * An Idempotency-Key and the hash of the request it came with.
   *
   * @param requestHash {@link RequestHash} of the body
   */
  public record Idempotency(String key, String requestHash) {}

  /**
   * A product to create.
   *
   * @param idempotency null when the client sent no Idempotency-Key
   */
  public record Create(NewProduct product, Actor actor, @Nullable Idempotency idempotency) {}

  /**
   * The created product.
   *
   * @param replayed true when this is the earlier answer to the same Idempotency-Key
   */
  public record Created(Product product, boolean replayed) {}

  /**
   * A merge patch: a null field is one the client did not send. Description and category are the
   * fields a client may set to null, so whether each was sent is its own flag.
   */
  public record Changes(
      @Nullable String name,
      boolean descriptionSent,
      @Nullable String description,
      @Nullable Long priceCents,
      @Nullable Integer stock,
      boolean categorySent,
      @Nullable Long categoryId) {

    /** From a body already validated against the contract's {@code ProductUpdate}. */
    public static Changes fromJson(JsonObject patch) {
      return new Changes(
          patch.getString("name"),
          patch.containsKey("description"),
          patch.getString("description"),
          patch.getLong("price_cents"),
          patch.getInteger("stock"),
          patch.containsKey("category_id"),
          patch.getLong("category_id"));
    }
  }

  /**
   * A page of the list.
   *
   * @param categoryId only the products in this category, or null for all
   */
  public record ListRequest(int limit, long offset, @Nullable Long categoryId) {}

  /**
   * A merge patch of one product.
   *
   * @param ifMatch the versions the write may apply to (If-Match), or null for any
   */
  public record Update(long id, Changes changes, Actor actor, @Nullable List<Integer> ifMatch) {}

  /**
   * A deletion.
   *
   * @param ifMatch the versions the delete may apply to (If-Match), or null for any
   */
  public record Delete(long id, Actor actor, @Nullable List<Integer> ifMatch) {}

  /**
   * A page of an export.
   *
   * @param ownerId only this user's products, or null for all
   */
  public record ExportPage(@Nullable Long ownerId, long afterId, int limit) {}

  /** Products in id order. */
  public record Batch(List<Product> items) {}

  /**
   * How many products an export will write.
   *
   * @param ownerId only this user's products, or null for all
   */
  public record Count(@Nullable Long ownerId) {}
}
