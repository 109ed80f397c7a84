package dev.products;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Name and version of this build, and the versions of assets it serves; filled in by Maven. */
public record BuildInfo(String service, String version, String swaggerUiVersion) {

  private static final BuildInfo CURRENT = load();

  public static BuildInfo current() {
    return CURRENT;
  }

  private static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
      if (in == null) {
        throw new IllegalStateException("build-info.properties is missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(
        properties.getProperty("service"),
        properties.getProperty("version"),
        properties.getProperty("swagger-ui.version"));
  }
}
