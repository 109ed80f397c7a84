package dev.products.platform.config;

/**
 * Whether this build carries the embedded PostgreSQL and Redis. {@code products-api.jar} does;
 * {@code products-api-server.jar}, the jar the container image runs, is built without them and so
 * needs {@code DATABASE_URL} and {@code REDIS_URL}. Asked by looking for a class file of each as a
 * resource, which loads nothing.
 */
public final class EmbeddedServers {

  static final String POSTGRES_CLASS = "io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class";
  static final String REDIS_CLASS = "redis/embedded/RedisServer.class";

  private final ClassLoader loader;

  EmbeddedServers(ClassLoader loader) {
    this.loader = loader;
  }

  /** What the class path of this service holds. */
  public static EmbeddedServers packaged() {
    return new EmbeddedServers(EmbeddedServers.class.getClassLoader());
  }

  public boolean postgres() {
    return loader.getResource(POSTGRES_CLASS) != null;
  }

  public boolean redis() {
    return loader.getResource(REDIS_CLASS) != null;
  }

  /** Why an embedded server cannot be the default here, for the line naming the missing key. */
  static String missing(String server) {
    return "is required: this jar is built without the embedded "
        + server
        + " (products-api.jar has it)";
  }
}
