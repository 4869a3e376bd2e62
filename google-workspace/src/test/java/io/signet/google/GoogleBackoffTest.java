package io.signet.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GoogleBackoffTest {

  private static final RandomGenerator NO_JITTER =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public long nextLong(long bound) {
          return 0;
        }
      };

  @Test
  void doublesFromOneSecondUpToTheCap() {
    GoogleBackoff backoff = GoogleBackoff.GOOGLE_RECOMMENDED;

    assertThat(backoff.delay(0, NO_JITTER)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1, NO_JITTER)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(4, NO_JITTER)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.delay(5, NO_JITTER)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.delay(6, NO_JITTER)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.delay(10_000, NO_JITTER)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void jitterStaysWithinOneSecondAndNeverPassesTheCap() {
    GoogleBackoff backoff = GoogleBackoff.GOOGLE_RECOMMENDED;
    SplittableRandom random = new SplittableRandom(42);

    for (int i = 0; i < 1_000; i++) {
      assertThat(backoff.delay(2, random)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
      assertThat(backoff.delay(9, random)).isEqualTo(Duration.ofSeconds(32));
    }
  }

  @Test
  void jitterActuallyVaries() {
    SplittableRandom random = new SplittableRandom(7);

    long distinct =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> GoogleBackoff.GOOGLE_RECOMMENDED.delay(0, random))
            .distinct()
            .count();

    assertThat(distinct).isGreaterThan(50);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new GoogleBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoogleBackoff.GOOGLE_RECOMMENDED.delay(-1, NO_JITTER))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
