package dev.products.categories;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.eventbus.MessageConsumer;
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
  protected List<MessageConsumer<?>> consumers(Pool pool) {
    CategoryRepository categories = new CategoryRepository(pool);
    return List.of(
        answer(CategoriesBus.CREATE, categories::create),
        answer(CategoriesBus.GET, category -> categories.find(category.id())),
        answer(CategoriesBus.LIST, page -> categories.page(page.limit(), page.offset())),
        answer(
            CategoriesBus.UPDATE,
            update -> categories.update(update.id(), update.changes(), update.ifMatch())),
        answer(CategoriesBus.DELETE, delete -> categories.delete(delete.id(), delete.ifMatch())));
  }
}
