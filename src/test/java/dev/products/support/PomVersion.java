package dev.products.support;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

/**
 * The version written in pom.xml, read from the file itself: tests compare what the service reports
 * with this, not with the service's own idea of its version, so a build that filled in the wrong
 * one fails them.
 */
public final class PomVersion {

  private static final String VERSION = read();

  private PomVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String read() {
    try {
      String version =
          XPathFactory.newInstance()
              .newXPath()
              .evaluate(
                  "/project/version",
                  DocumentBuilderFactory.newInstance()
                      .newDocumentBuilder()
                      .parse(Path.of("pom.xml").toFile()));
      if (version.isBlank()) {
        throw new IllegalStateException("pom.xml has no /project/version");
      }
      return version.strip();
    } catch (Exception e) {
      throw new IllegalStateException("could not read the version from pom.xml", e);
    }
  }
}
