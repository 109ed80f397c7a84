package dev.products.http;

import io.vertx.ext.web.handler.HttpException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A versioned resource's strong entity tag is its version in quotes ({@code "3"}). Reading {@code
 * If-None-Match} uses the weak comparison and {@code If-Match} the strong one (RFC 9110 §13.1), so
 * a weak tag can answer "not modified" but never authorize a write.
 *
 * <p>Shared by every feature with versioned resources (products, categories).
 */
public final class EntityTags {

  private static final Pattern TAG = Pattern.compile("\\s*(\\*|(W/)?\"([^\"]*)\")\\s*");

  private EntityTags() {}

  /** The strong ETag of a resource at this version. */
  public static String of(int version) {
    return "\"" + version + "\"";
  }

  /** Whether a version satisfies a read condition. */
  public interface Condition {
    boolean holdsFor(int version);
  }

  /**
   * The condition {@code If-None-Match} states: it holds (the client's copy is current) when the
   * header names the version, or is {@code *}. No header: never. A malformed header is refused
   * here.
   */
  public static Condition ifNoneMatch(@Nullable String header) {
    if (header == null) {
      return version -> false;
    }
    List<String> versions = new ArrayList<>();
    for (Matcher tag : tags(header, "If-None-Match")) {
      if (tag.group(1).equals("*")) {
        return version -> true;
      }
      versions.add(tag.group(3));
    }
    return version -> versions.contains(String.valueOf(version));
  }

  /**
   * The versions {@code If-Match} allows a write on, or null when there is no condition (no header,
   * or {@code *}). Weak tags and tags that are no version of ours allow nothing.
   */
  public static @Nullable List<Integer> ifMatch(@Nullable String header) {
    if (header == null) {
      return null;
    }
    List<Integer> versions = new ArrayList<>();
    for (Matcher tag : tags(header, "If-Match")) {
      if (tag.group(1).equals("*")) {
        return null;
      }
      if (tag.group(2) == null && tag.group(3).matches("[1-9]\\d{0,8}")) {
        versions.add(Integer.valueOf(tag.group(3)));
      }
    }
    return versions;
  }

  /** Far more than any client lists; the contract's maxLength for both headers. */
  public static final int MAX_LENGTH = 1024;

  private static List<Matcher> tags(String header, String name) {
    if (header.length() > MAX_LENGTH) {
      throw new HttpException(400, name + " must be at most " + MAX_LENGTH + " characters");
    }
    List<Matcher> tags = new ArrayList<>();
    for (String part : elements(header)) {
      if (part.isBlank()) {
        continue; // RFC 9110 §5.6.1.2: empty list elements are ignored
      }
      Matcher tag = TAG.matcher(part);
      if (!tag.matches()) {
        throw new HttpException(400, name + " must be * or a list of entity tags such as \"3\"");
      }
      tags.add(tag);
    }
    return tags;
  }

  /** The list's elements: split at each comma outside quotes, since a tag may hold a comma. */
  private static List<String> elements(String header) {
    List<String> elements = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        elements.add(header.substring(start, i));
        start = i + 1;
      }
    }
    elements.add(header.substring(start));
    return elements;
  }
}
