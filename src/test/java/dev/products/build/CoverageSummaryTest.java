package dev.products.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageSummaryTest {

  private static final String HEADER =
      "GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,"
          + "LINE_MISSED,LINE_COVERED,COMPLEXITY_MISSED,COMPLEXITY_COVERED,METHOD_MISSED,"
          + "METHOD_COVERED";

  @Test
  void sumsLinesAndBranchesOverEveryClass() {
    String summary =
        CoverageSummary.summary(
            List.of(
                HEADER,
                "products-api,dev.products,A,0,10,1,3,2,8,0,0,0,0",
                "products-api,dev.products.http,B,0,10,1,1,8,32,0,0,0,0"));

    assertThat(summary).isEqualTo("Coverage: lines 80.0% (40 of 50), branches 66.7% (4 of 6)");
  }

  @Test
  void saysNoneWhenThereIsNothingToCount() {
    assertThat(CoverageSummary.summary(List.of(HEADER)))
        .isEqualTo("Coverage: lines none, branches none");
  }
}
