package dev.products.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for checking exports: records end in CRLF, quoted fields may hold
 * commas, quotes (doubled) and line breaks; anything else (a bare LF, a stray quote) fails.
 */
public final class Csv {

  private Csv() {}

  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && field.isEmpty()) {
        i++;
        while (true) {
          if (i >= text.length()) {
            throw new AssertionError("unterminated quoted field");
          }
          char q = text.charAt(i);
          if (q == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
          } else if (q == '"') {
            i++;
            break;
          } else {
            field.append(q);
            i++;
          }
        }
        if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
          throw new AssertionError("text after a quoted field at " + i);
        }
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r') {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          throw new AssertionError("a CR not followed by LF at " + i);
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else if (c == '\n' || c == '"') {
        throw new AssertionError(
            "a bare " + (c == '"' ? "quote" : "LF") + " outside quotes at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (!record.isEmpty() || !field.isEmpty()) {
      throw new AssertionError("the last record does not end in CRLF");
    }
    return records;
  }
}
