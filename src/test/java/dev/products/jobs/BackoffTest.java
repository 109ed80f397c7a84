package dev.products.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final int SAMPLES = 2_000;
  private static final Duration BASE = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofMinutes(10);

  private static LongSummaryStatistics delays(int attempt, Duration base, Duration max) {
    return IntStream.range(0, SAMPLES)
        .mapToLong(i -> Backoff.delayMillis(attempt, base, max))
        .summaryStatistics();
  }

  @Test
  void theFirstRetryWaitsBetweenHalfAndAllOfTheBase() {
    LongSummaryStatistics delays = delays(1, BASE, MAX);

    assertThat(delays.getMin()).isGreaterThanOrEqualTo(1_000);
    assertThat(delays.getMax()).isLessThanOrEqualTo(2_000);
  }

  @Test
  void eachRetryDoublesTheDelay() {
    assertThat(delays(2, BASE, MAX).getMin()).isGreaterThanOrEqualTo(2_000);
    assertThat(delays(2, BASE, MAX).getMax()).isLessThanOrEqualTo(4_000);
    assertThat(delays(5, BASE, MAX).getMin()).isGreaterThanOrEqualTo(16_000);
    assertThat(delays(5, BASE, MAX).getMax()).isLessThanOrEqualTo(32_000);
  }

  @Test
  void theDelayIsCappedAtTheMaximumWithJitterBelowIt() {
    LongSummaryStatistics delays = delays(12, BASE, MAX);

    assertThat(delays.getMin()).isGreaterThanOrEqualTo(300_000);
    assertThat(delays.getMax()).isLessThanOrEqualTo(600_000);
  }

  @Test
  void theJitterSpreadsOverTheWholeUpperHalf() {
    LongSummaryStatistics delays = delays(1, Duration.ofSeconds(10), MAX);

    // 2,000 uniform draws: the chance that none falls in a tenth at either end is 0.9^2000.
    assertThat(delays.getMin()).isLessThan(5_500);
    assertThat(delays.getMax()).isGreaterThan(9_500);
  }

  @Test
  void anAttemptBelowOneIsTreatedAsTheFirst() {
    assertThat(delays(0, BASE, MAX).getMax()).isLessThanOrEqualTo(2_000);
    assertThat(delays(-3, BASE, MAX).getMin()).isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void aHugeAttemptNumberStaysAtTheMaximum() {
    LongSummaryStatistics delays = delays(Integer.MAX_VALUE, BASE, MAX);

    assertThat(delays.getMin()).isGreaterThanOrEqualTo(300_000);
    assertThat(delays.getMax()).isLessThanOrEqualTo(600_000);
  }

  @Test
  void aDoublingBeyondTheRangeOfALongStaysAtTheMaximum() {
    Duration base = Duration.ofMillis(1L << 34); // about 199 days: 2^34 doubled 30 times is 2^64
    Duration max = Duration.ofDays(100_000);

    assertThat(delays(31, base, max).getMin()).isGreaterThanOrEqualTo(max.toMillis() / 2);
  }

  @Test
  void aZeroBaseRetriesAtOnce() {
    assertThat(delays(3, Duration.ZERO, MAX).getMax()).isZero();
  }

  @Test
  void aZeroMaximumRetriesAtOnce() {
    assertThat(delays(3, BASE, Duration.ZERO).getMax()).isZero();
  }
}
