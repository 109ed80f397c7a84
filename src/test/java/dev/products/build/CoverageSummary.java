package dev.products.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the suite's coverage in one line at the end of {@code mvn verify}, from JaCoCo's CSV
 * report; the HTML report has the detail. Run by exec-maven-plugin, never by the tests.
 */
public final class CoverageSummary {

  // Columns of jacoco.csv (GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,
  // BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...).
  private static final int BRANCH_MISSED = 5;
  private static final int LINE_MISSED = 7;

  private CoverageSummary() {}

  public static void main(String[] args) throws IOException {
    Path csv = Path.of(args.length > 0 ? args[0] : "target/site/jacoco/jacoco.csv");
    if (!Files.isRegularFile(csv)) {
      System.out.println("Coverage: no report at " + csv + " (the tests or JaCoCo were skipped)");
      return;
    }
    System.out.println(
        summary(Files.readAllLines(csv)) + " (report: target/site/jacoco/index.html)");
  }

  static String summary(List<String> lines) {
    long[] totals = new long[4];
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split(",", -1);
      totals[0] += Long.parseLong(columns[LINE_MISSED]);
      totals[1] += Long.parseLong(columns[LINE_MISSED + 1]);
      totals[2] += Long.parseLong(columns[BRANCH_MISSED]);
      totals[3] += Long.parseLong(columns[BRANCH_MISSED + 1]);
    }
    return String.format(
        Locale.ROOT,
        "Coverage: lines %s, branches %s",
        percent(totals[1], totals[0]),
        percent(totals[3], totals[2]));
  }

  private static String percent(long covered, long missed) {
    long all = covered + missed;
    return all == 0
        ? "none"
        : String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100.0 * covered / all, covered, all);
  }
}
