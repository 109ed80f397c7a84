package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VersionFloorsTest {

  private final VersionFloors floors = new VersionFloors(Duration.ofMinutes(1), 3);

  @Test
  void aCopyOlderThanAWriteHeardIsRefused() {
    floors.heard(7, 3);

    assertThat(floors.refuses(7, 2)).isTrue();
  }

  @Test
  void aCopyAsNewAsTheWriteOrNewerIsServed() {
    floors.heard(7, 3);

    assertThat(floors.refuses(7, 3)).isFalse();
    assertThat(floors.refuses(7, 4)).isFalse();
  }

  @Test
  void otherProductsAreUnaffected() {
    floors.heard(7, 3);

    assertThat(floors.refuses(8, 1)).isFalse();
  }

  @Test
  void anEarlierWriteHeardLateNeverLowersTheFloor() {
    floors.heard(7, 5);
    floors.heard(7, 3);

    assertThat(floors.refuses(7, 4)).isTrue();
  }

  @Test
  void aDeleteRefusesEveryCopy() {
    floors.heard(7, CacheBus.DELETED);

    assertThat(floors.refuses(7, 1_000_000)).isTrue();
  }

  @Test
  void aFloorEndsWhenNoStaleCopyCanBeLeft() {
    VersionFloors brief = new VersionFloors(Duration.ZERO, 3);
    brief.heard(7, 3);

    assertThat(brief.refuses(7, 2)).isFalse();
    brief.sweep();
    assertThat(brief.size()).isZero();
  }

  @Test
  void pastItsCapacityEveryCopyIsDistrustedRatherThanAFloorForgotten() {
    floors.heard(1, 2);
    floors.heard(2, 2);
    floors.heard(3, 2);

    floors.heard(4, 2);

    assertThat(floors.size()).isEqualTo(3);
    assertThat(floors.refuses(4, 1)).isTrue();
    assertThat(floors.refuses(99, 1)).as("a product no write was heard of").isTrue();
  }
}
