package dev.products.categories;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.store.Page;
import dev.products.platform.store.PageRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The event bus contract of categories: every address with the records it takes and answers. All
 * are request/reply, answered by {@link CategoryStoreVerticle} (local consumers); failures come
 * back with a {@link BusFailure} code. Who may write is decided at the HTTP edge (admins only).
 */
public final class CategoriesBus {

  /** The new category, or {@link BusFailure#CONFLICT} when the name or the slug is taken. */
  public static final Address<NewCategory, Category> CREATE = Address.of("categories.create");

  /** The category, or {@link BusFailure#NOT_FOUND}. */
  public static final Address<ById, Category> GET = Address.of("categories.get");

  /** One page, in name order, with the total. */
  public static final Address<PageRequest, Page<Category>> LIST = Address.of("categories.list");

  /**
   * Writes the fields the changes carry and moves the version by one; {@link BusFailure#NOT_FOUND},
   * {@link BusFailure#CONFLICT} (name or slug taken), or {@link BusFailure#PRECONDITION_FAILED}
   * when the category's version is not one of {@code ifMatch}.
   */
  public static final Address<Update, Category> UPDATE = Address.of("categories.update");

  /**
   * Deletes; failures as for {@link #UPDATE}, and {@link BusFailure#CONFLICT} while products still
   * belong to the category.
   */
  public static final Address<Delete, Void> DELETE = Address.of("categories.delete");

  private CategoriesBus() {}

  public record ById(long id) {}

  /** A new category as the client sent it. */
  public record NewCategory(String name, String slug, @Nullable String description) {

    /** From a body already validated against the contract's {@code CategoryCreate}. */
    public static NewCategory fromJson(JsonObject body) {
      return new NewCategory(
          body.getString("name"), body.getString("slug"), body.getString("description"));
    }
  }

  /**
   * A merge patch: a null field is one the client did not send; the description may be set to null,
   * so whether it was sent is its own flag.
   */
  public record Changes(
      @Nullable String name,
      @Nullable String slug,
      boolean descriptionSent,
      @Nullable String description) {

    /** From a body already validated against the contract's {@code CategoryUpdate}. */
    public static Changes fromJson(JsonObject patch) {
      return new Changes(
          patch.getString("name"),
          patch.getString("slug"),
          patch.containsKey("description"),
          patch.getString("description"));
    }
  }

  /**
   * A merge patch of one category.
   *
   * @param ifMatch the versions the write may apply to (If-Match), or null for any
   */
  public record Update(long id, Changes changes, @Nullable List<Integer> ifMatch) {}

  /**
   * A deletion.
   *
   * @param ifMatch the versions the delete may apply to (If-Match), or null for any
   */
  public record Delete(long id, @Nullable List<Integer> ifMatch) {}
}
