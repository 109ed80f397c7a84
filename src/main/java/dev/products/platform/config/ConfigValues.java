package dev.products.platform.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Typed, validated reads of the merged raw settings. Every failure is a {@link ConfigException}
 * naming the key, so a bad start says exactly which variable to fix.
 */
final class ConfigValues {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private final JsonObject raw;

  ConfigValues(JsonObject raw) {
    this.raw = raw;
  }

  String string(String key) {
    Object value = raw.getValue(key);
    if (value == null) {
      throw new ConfigException(key, "is required");
    }
    return String.valueOf(value).trim();
  }

  @Nullable String optionalString(String key) {
    Object value = raw.getValue(key);
    String s = value == null ? "" : String.valueOf(value).trim();
    return s.isEmpty() ? null : s;
  }

  String nonBlank(String key) {
    String s = string(key);
    if (s.isEmpty()) {
      throw new ConfigException(key, "must not be empty");
    }
    return s;
  }

  int intBetween(String key, int min, int max) {
    String s = nonBlank(key);
    long value;
    try {
      value = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, got \"" + s + "\"");
    }
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return (int) value;
  }

  long longAtLeast(String key, long min) {
    String s = nonBlank(key);
    long value;
    try {
      value = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, got \"" + s + "\"");
    }
    if (value < min) {
      throw new ConfigException(key, "must be at least " + min + ", got " + value);
    }
    return value;
  }

  boolean bool(String key) {
    String s = nonBlank(key).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(key, "must be true or false, got \"" + s + "\"");
    };
  }

  /** Durations as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
  Duration duration(String key) {
    return parseDuration(key, nonBlank(key));
  }

  /** A duration that must not be zero (a TTL, a window, a timeout). */
  Duration positiveDuration(String key) {
    return parsePositiveDuration(key, nonBlank(key));
  }

  /** {@code text} as a duration; a failure names {@code key}. */
  static Duration parseDuration(String key, String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new ConfigException(
          key, "must be a duration like 500ms, 30s, 2m, 1h or 7d, got \"" + s + "\"");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** As {@link #parseDuration}, refusing zero. */
  static Duration parsePositiveDuration(String key, String text) {
    Duration duration = parseDuration(key, text);
    if (duration.isZero()) {
      throw new ConfigException(key, "must be longer than 0");
    }
    return duration;
  }

  /** A comma-separated list; empty entries are dropped. */
  java.util.List<String> list(String key) {
    String s = optionalString(key);
    if (s == null) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(s.split(","))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
  }

  /** Every setting whose key starts with {@code prefix} and whose value is not blank, trimmed. */
  java.util.Map<String, String> withPrefix(String prefix) {
    java.util.Map<String, String> found = new java.util.TreeMap<>();
    for (String key : raw.fieldNames()) {
      if (key.startsWith(prefix)) {
        String value = optionalString(key);
        if (value != null) {
          found.put(key, value);
        }
      }
    }
    return found;
  }

  <E extends Enum<E>> E oneOf(String key, Class<E> type) {
    String s = nonBlank(key);
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed
            .append(allowed.length() == 0 ? "" : ", ")
            .append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new ConfigException(key, "must be one of " + allowed + ", got \"" + s + "\"");
    }
  }
}
