package dev.products.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalFixedWindowTest {

  private static final long WINDOW_MS = 60_000;

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final LocalFixedWindow windows = new LocalFixedWindow(now::get);

  @Test
  void theFirstHitIsAllowedAndDecidedLocally() {
    Decision decision = windows.hit("ip:1", 3, WINDOW_MS);

    assertThat(decision).isEqualTo(new Decision(true, 3, 2, WINDOW_MS, false));
  }

  @Test
  void hitsUpToTheLimitAreAllowedAndCountDownWhatIsLeft() {
    assertThat(windows.hit("ip:1", 3, WINDOW_MS).remaining()).isEqualTo(2);
    assertThat(windows.hit("ip:1", 3, WINDOW_MS).remaining()).isEqualTo(1);

    Decision third = windows.hit("ip:1", 3, WINDOW_MS);

    assertThat(third.allowed()).isTrue();
    assertThat(third.remaining()).isZero();
  }

  @Test
  void aHitOverTheLimitIsRefusedWithNothingLeft() {
    for (int i = 0; i < 3; i++) {
      windows.hit("ip:1", 3, WINDOW_MS);
    }

    Decision fourth = windows.hit("ip:1", 3, WINDOW_MS);

    assertThat(fourth.allowed()).isFalse();
    assertThat(fourth.remaining()).isZero();
    assertThat(windows.hit("ip:1", 3, WINDOW_MS).allowed()).isFalse();
  }

  @Test
  void theResetCountsDownToTheEndOfTheWindow() {
    windows.hit("ip:1", 3, WINDOW_MS);
    now.addAndGet(45_000);

    assertThat(windows.hit("ip:1", 3, WINDOW_MS).resetMs()).isEqualTo(15_000);
  }

  @Test
  void theWindowIsFixedFromItsFirstHitNotSliding() {
    windows.hit("ip:1", 1, WINDOW_MS);
    now.addAndGet(WINDOW_MS - 1);

    assertThat(windows.hit("ip:1", 1, WINDOW_MS).allowed()).isFalse();
  }

  @Test
  void aNewWindowStartsWhenTheOldOneEnds() {
    windows.hit("ip:1", 1, WINDOW_MS);
    windows.hit("ip:1", 1, WINDOW_MS);
    now.addAndGet(WINDOW_MS);

    Decision decision = windows.hit("ip:1", 1, WINDOW_MS);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.remaining()).isZero();
    assertThat(decision.resetMs()).isEqualTo(WINDOW_MS);
  }

  @Test
  void keysAreCountedIndependently() {
    windows.hit("ip:1", 1, WINDOW_MS);
    windows.hit("ip:1", 1, WINDOW_MS);

    assertThat(windows.hit("ip:2", 1, WINDOW_MS).allowed()).isTrue();
    assertThat(windows.hit("ip:1", 1, WINDOW_MS).allowed()).isFalse();
  }

  @Test
  void theLimitIsTheOneGivenWithEachHit() {
    windows.hit("ip:1", 1, WINDOW_MS);
    windows.hit("ip:1", 1, WINDOW_MS);

    Decision decision = windows.hit("ip:1", 5, WINDOW_MS);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.limit()).isEqualTo(5);
    assertThat(decision.remaining()).isEqualTo(2);
  }

  @Test
  void evictingDropsOnlyEndedWindows() {
    windows.hit("old", 1, 1_000);
    windows.hit("current", 1, WINDOW_MS);
    now.addAndGet(1_000);

    windows.evictExpired();

    assertThat(windows.size()).isEqualTo(1);
    assertThat(windows.hit("current", 1, WINDOW_MS).allowed()).isFalse();
  }

  @Test
  void whenFullEndedWindowsMakeRoomForNewKeys() {
    for (int i = 0; i < 100_000; i++) {
      windows.hit("ip:" + i, 1, 1_000);
    }
    now.addAndGet(1_000);

    windows.hit("new", 1, WINDOW_MS);

    assertThat(windows.size()).isEqualTo(1);
    assertThat(windows.hit("new", 1, WINDOW_MS).allowed()).isFalse();
  }

  @Test
  void theNumberOfWindowsKeptIsBounded() {
    for (int i = 0; i < 100_001; i++) {
      windows.hit("ip:" + i, 1, WINDOW_MS);
    }

    assertThat(windows.size()).isEqualTo(100_000);
  }

  @Test
  void whenFullOfLiveWindowsNewKeysShareOneLimitInsteadOfGoingUncounted() {
    for (int i = 0; i < 100_000; i++) {
      windows.hit("ip:" + i, 1, WINDOW_MS);
    }

    assertThat(windows.hit("flood:1", 2, WINDOW_MS).allowed()).isTrue();
    assertThat(windows.hit("flood:2", 2, WINDOW_MS).allowed()).isTrue();
    assertThat(windows.hit("flood:3", 2, WINDOW_MS).allowed()).isFalse();
  }

  /**
   * One window serves every rate-limit instance of a process, each on its own event loop: hits from
   * several threads at once must be counted exactly, or the limit while Redis is down loosens.
   */
  @Test
  void hitsFromManyThreadsAtOnceAreCountedExactly() throws Exception {
    int threads = 4;
    int hitsPerThread = 20_000;
    int limit = threads * hitsPerThread / 2;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> allowedPerThread = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String own = "own:" + t;
        allowedPerThread.add(
            pool.submit(
                () -> {
                  start.await();
                  int allowed = 0;
                  for (int i = 0; i < hitsPerThread; i++) {
                    if (windows.hit("ip:shared", limit, WINDOW_MS).allowed()) {
                      allowed++;
                    }
                    // New keys at the same time: the map itself is changed concurrently.
                    windows.hit(own + ":" + (i % 1_000), 1, WINDOW_MS);
                  }
                  return allowed;
                }));
      }
      start.countDown();
      int allowed = 0;
      for (Future<Integer> each : allowedPerThread) {
        allowed += each.get();
      }

      assertThat(allowed).isEqualTo(limit);
      assertThat(windows.hit("ip:shared", limit, WINDOW_MS).remaining()).isZero();
      assertThat(windows.size()).isEqualTo(1 + threads * 1_000);
    } finally {
      pool.shutdownNow();
    }
  }
}
