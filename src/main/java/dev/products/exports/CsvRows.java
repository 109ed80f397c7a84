package dev.products.exports;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Products as CSV rows per RFC 4180: a header row, CRLF line ends, quotes doubled. Against CSV
 * injection (OWASP): a product name written by one user must not run in the spreadsheet of the
 * admin who exports it, whatever separator that spreadsheet splits on. So every text field is
 * quoted, and a formula character ({@code = + - @}) gets an apostrophe before it where a cell could
 * begin: at the start, after a tab or carriage return at the start, and after every separator-like
 * character ({@code , ; | tab CR LF}). Numbers and times are the service's own and written as they
 * are.
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
        boolean textColumn = TEXT_COLUMNS.contains(column);
        appendField(out, textColumn ? defused(text) : text, textColumn);
      }
    }
    out.append("\r\n");
  }

  static String defused(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    boolean cellMayBegin = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (cellMayBegin && isFormulaStart(c)) {
        out.append('\'');
      }
      out.append(c);
      cellMayBegin = isSeparatorLike(c) || (cellMayBegin && (c == '\t' || c == '\r'));
    }
    return out.toString();
  }

  private static boolean isFormulaStart(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  private static boolean isSeparatorLike(char c) {
    return c == ',' || c == ';' || c == '|' || c == '\t' || c == '\r' || c == '\n';
  }

  private static void appendField(StringBuilder out, String text, boolean alwaysQuoted) {
    boolean quoted =
        alwaysQuoted
            || text.indexOf(',') >= 0
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
