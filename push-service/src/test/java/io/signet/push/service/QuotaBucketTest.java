package io.signet.push.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void paysOutTheLimitAfterOneSecondOfBurst() {
    QuotaBucket bucket = new QuotaBucket(6_000, 1, 0); // 100 units/s
    int taken = 0;
    for (long now = 0; now <= 10 * SECOND; now += SECOND / 100) {
      while (bucket.tryTake(10, now) == 0) {
        taken++;
      }
    }
    // one second of burst plus ten seconds of rate, 10 units each
    assertThat(taken).isBetween(105, 111);
  }

  @Test
  void saysHowLongToWait() {
    QuotaBucket bucket = new QuotaBucket(6_000, 1, 0);
    assertThat(bucket.tryTake(100, 0)).isZero();
    assertThat(bucket.tryTake(100, 0)).isEqualTo(SECOND);
    assertThat(bucket.tryTake(100, SECOND / 2)).isEqualTo(SECOND / 2);
  }

  @Test
  void aQuotaErrorHalvesTheRateOnceASecondAndSuccessRestoresIt() {
    QuotaBucket bucket = new QuotaBucket(6_000, 1, 0);
    bucket.quotaExceeded(SECOND);
    bucket.quotaExceeded(SECOND + 1); // the same burst of refusals: one cut
    assertThat(bucket.unitsPerMinute()).isEqualTo(3_000);
    bucket.quotaExceeded(2 * SECOND + 1);
    assertThat(bucket.unitsPerMinute()).isEqualTo(1_500);
    long now = 2 * SECOND + 1;
    for (int i = 0; i < 20; i++) {
      now += SECOND;
      bucket.succeeded(now);
    }
    assertThat(bucket.unitsPerMinute()).isEqualTo(6_000);
  }

  @Test
  void replicasDivideTheLimit() {
    QuotaBucket bucket = new QuotaBucket(6_000, 1, 0);
    bucket.share(0.5, 0);
    assertThat(bucket.fullUnitsPerMinute()).isEqualTo(3_000);
    int taken = 0;
    for (long now = 0; now <= 10 * SECOND; now += SECOND / 100) {
      while (bucket.tryTake(10, now) == 0) {
        taken++;
      }
    }
    assertThat(taken).isBetween(52, 56);
  }

  @Test
  void aCallDearerThanTheBurstGoesWhenTheBucketIsFull() {
    QuotaBucket bucket = new QuotaBucket(600, 1, 0); // 10 units/s, 10 a burst
    assertThat(bucket.tryTake(100, 0)).isZero();
    // the 90 units overdrawn are paid back first: the rate holds over time
    assertThat(bucket.tryTake(100, 0)).isEqualTo(10 * SECOND);
  }
}
