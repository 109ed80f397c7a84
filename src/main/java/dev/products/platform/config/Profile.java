package dev.products.platform.config;

/** The runtime profile. {@code prod} is strict: no embedded services, secrets required. */
public enum Profile {
  DEV,
  PROD;

  public boolean isProd() {
    return this == PROD;
  }
}
