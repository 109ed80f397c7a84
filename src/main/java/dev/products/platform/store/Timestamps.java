package dev.products.platform.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the API writes them: RFC 3339 in UTC, whatever the database session's zone. */
public final class Timestamps {

  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_INSTANT;

  private Timestamps() {}

  public static String rfc3339(OffsetDateTime time) {
    return RFC_3339.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
