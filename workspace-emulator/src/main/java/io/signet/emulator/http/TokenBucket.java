package io.signet.emulator.http;

/**
 * A per-minute quota: holds at most one minute's allowance and refills continuously, as Google's
 * per-minute quotas behave.
 */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private double available;
  private long lastNanos;

  TokenBucket(long perMinute, long nowNanos) {
    this.capacity = perMinute;
    this.perNano = perMinute / 60e9;
    this.available = perMinute;
    this.lastNanos = nowNanos;
  }

  /**
   * Takes {@code cost} if available.
   *
   * @return 0 when taken, else the nanoseconds until it would be
   */
  synchronized long tryTake(int cost, long nowNanos) {
    available = Math.min(capacity, available + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (available >= cost) {
      available -= cost;
      return 0;
    }
    return (long) Math.ceil((cost - available) / perNano);
  }

  /** Gives back a charge that another quota then refused. */
  synchronized void refund(int cost) {
    available = Math.min(capacity, available + cost);
  }
}
