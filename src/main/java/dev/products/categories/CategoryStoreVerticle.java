package dev.products.categories;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The categories store on the bus ({@link CategoriesBus}), one per HTTP instance like every feature
 * store. Categories have no cache and no events yet, so a write is the commit alone.
 */
public final class CategoryStoreVerticle extends StoreVerticle {

  public CategoryStoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    super(config, databaseUrl, outage);
  }

  @Override
  protected List<MessageConsumer<JsonObject>> consumers(Pool pool) {
    CategoryRepository categories = new CategoryRepository(pool);
    return List.of(
        answer(CategoriesBus.CREATE, body -> categories.create(CategoriesBus.category(body))),
        answer(CategoriesBus.GET, body -> categories.find(CategoriesBus.id(body))),
        answer(
            CategoriesBus.LIST,
            body -> categories.page(CategoriesBus.limit(body), CategoriesBus.offset(body))),
        answer(
            CategoriesBus.UPDATE,
            body ->
                categories.update(
                    CategoriesBus.id(body),
                    CategoriesBus.changes(body),
                    CategoriesBus.ifMatch(body))),
        answer(
            CategoriesBus.DELETE,
            body -> categories.delete(CategoriesBus.id(body), CategoriesBus.ifMatch(body))));
  }
}
