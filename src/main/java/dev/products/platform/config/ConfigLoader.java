package dev.products.platform.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Merges the settings with vertx-config, lowest precedence first: {@code conf/config.yaml} (the
 * working directory's, else the copy inside the jar), an optional {@code .env} file, the process
 * environment, then explicit overrides (used by tests and by the command line).
 */
public final class ConfigLoader {

  public static final String DEFAULTS_PATH = "conf/config.yaml";
  public static final String DOTENV_PATH = ".env";

  private ConfigLoader() {}

  /** The merged raw settings, before typing and validation. */
  public static Future<JsonObject> loadRaw(Vertx vertx, JsonObject overrides) {
    ConfigRetrieverOptions options =
        new ConfigRetrieverOptions()
            .setScanPeriod(-1)
            .setIncludeDefaultStores(false)
            .addStore(
                new ConfigStoreOptions()
                    .setType("file")
                    .setFormat("yaml")
                    .setConfig(new JsonObject().put("path", DEFAULTS_PATH)))
            .addStore(
                new ConfigStoreOptions()
                    .setType("file")
                    .setFormat("properties")
                    .setOptional(true)
                    .setConfig(new JsonObject().put("path", DOTENV_PATH).put("raw-data", true)))
            .addStore(
                new ConfigStoreOptions()
                    .setType("env")
                    .setConfig(new JsonObject().put("raw-data", true)))
            .addStore(new ConfigStoreOptions().setType("json").setConfig(overrides.copy()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig().andThen(done -> retriever.close());
  }

  /** The typed configuration; fails with a {@link ConfigException} on the first bad value. */
  public static Future<AppConfig> load(Vertx vertx, JsonObject overrides) {
    return loadRaw(vertx, overrides).map(AppConfig::from);
  }
}
