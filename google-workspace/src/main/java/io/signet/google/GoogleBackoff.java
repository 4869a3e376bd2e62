package io.signet.google;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Google's recommended truncated exponential backoff: wait {@code min(base * 2^n + random jitter,
 * cap)} before retry {@code n} (0-based); past the cap, every retry waits the cap.
 *
 * @param base the wait before the first retry, without jitter
 * @param cap the longest wait; retries go on at the cap
 * @param maxJitter the upper bound of the uniformly random part added to each wait
 */
public record GoogleBackoff(Duration base, Duration cap, Duration maxJitter) {

  /** 1 s, doubling, at most 32 s, plus up to 1 s of jitter: Google's published values. */
  public static final GoogleBackoff GOOGLE_RECOMMENDED =
      new GoogleBackoff(Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ofMillis(1000));

  public GoogleBackoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxJitter.isNegative()) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap and jitter >= 0");
    }
  }

  /** The wait before retry number {@code retry} (0 for the first retry). */
  public Duration delay(int retry, RandomGenerator random) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must be >= 0: " + retry);
    }
    long exponential = base.toMillis();
    for (int i = 0; i < retry && exponential < cap.toMillis(); i++) {
      exponential *= 2;
    }
    long jitter = maxJitter.isZero() ? 0 : random.nextLong(maxJitter.toMillis() + 1);
    return Duration.ofMillis(Math.min(exponential + jitter, cap.toMillis()));
  }
}
