package dev.products.exports;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Products as CSV rows per RFC 4180: a header row, CRLF line ends, fields with a comma, a quote or
 * a line break quoted, quotes doubled. Text that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, tab or carriage return) gets a leading apostrophe, the OWASP advice for CSV
 * injection: a product name written by one user must not run in the spreadsheet of the admin who
 * exports it.
 */
final class CsvRows {

  static final List<String> COLUMNS =
      List.of(
          "id",
          "name",
          "description",
          "price_cents",
          "stock",
          "category_id",
          "owner_id",
          "version",
          "created_at",
          "updated_at");
  private static final List<String> TEXT_COLUMNS = List.of("name", "description");

  private CsvRows() {}

  static String header() {
    return String.join(",", COLUMNS) + "\r\n";
  }

  static void append(StringBuilder out, JsonObject product) {
    for (int i = 0; i < COLUMNS.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String column = COLUMNS.get(i);
      Object value = product.getValue(column);
      if (value != null) {
        String text = String.valueOf(value);
        appendField(out, TEXT_COLUMNS.contains(column) ? defused(text) : text);
      }
    }
    out.append("\r\n");
  }

  private static String defused(String text) {
    if (text.isEmpty()) {
      return text;
    }
    char first = text.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + text
        : text;
  }

  private static void appendField(StringBuilder out, String text) {
    boolean quoted =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    if (!quoted) {
      out.append(text);
      return;
    }
    out.append('"').append(text.replace("\"", "\"\"")).append('"');
  }
}
