package io.signet.push.service;

/**
 * A token bucket in quota units whose rate adapts: a quota error from Google halves it (at most
 * once a second, so one burst of refusals is one cut), and each further second of successes gives
 * back a tenth of the full rate. The full rate is the limit times this replica's share. Not
 * thread-safe on its own: callers synchronise on it.
 */
public final class QuotaBucket {

  private static final double MIN_FACTOR = 0.02;
  private static final long SECOND = 1_000_000_000L;

  private final double limitPerMinute;
  private final double burstSeconds;
  private double share = 1.0;
  private double factor = 1.0;
  private double tokens;
  private long refilledAt;
  private long lastChange;

  /**
   * @param limitPerMinute units a minute at the full rate
   * @param burstSeconds how many seconds of the rate may be spent at once
   */
  public QuotaBucket(double limitPerMinute, double burstSeconds, long nowNanos) {
    if (limitPerMinute <= 0 || burstSeconds <= 0) {
      throw new IllegalArgumentException("a bucket needs a positive limit and burst");
    }
    this.limitPerMinute = limitPerMinute;
    this.burstSeconds = burstSeconds;
    this.tokens = capacity();
    this.refilledAt = nowNanos;
    this.lastChange = nowNanos - SECOND;
  }

  /**
   * Takes {@code units} if the bucket holds them.
   *
   * @return 0 when taken, otherwise the nanoseconds until it will hold them
   */
  public synchronized long tryTake(int units, long nowNanos) {
    refill(nowNanos);
    if (tokens >= units || tokens >= capacity()) {
      tokens -= units;
      return 0;
    }
    double missing = Math.min(units, capacity()) - tokens;
    return Math.max(1, (long) Math.ceil(missing / unitsPerSecond() * SECOND));
  }

  /** Gives back units taken for a call that was not made. */
  public synchronized void refund(int units) {
    tokens = Math.min(capacity(), tokens + units);
  }

  /** Google refused for quota: halve the rate and spend what the bucket held. */
  public synchronized void quotaExceeded(long nowNanos) {
    refill(nowNanos);
    tokens = Math.min(tokens, 0);
    if (nowNanos - lastChange >= SECOND) {
      factor = Math.max(MIN_FACTOR, factor / 2);
      lastChange = nowNanos;
    }
  }

  /** A call went through: after a second without a cut, a tenth of the full rate comes back. */
  public synchronized void succeeded(long nowNanos) {
    if (factor < 1 && nowNanos - lastChange >= SECOND) {
      factor = Math.min(1, factor + 0.1);
      lastChange = nowNanos;
    }
  }

  /** This replica's share of the limit, 0 to 1. */
  public synchronized void share(double share, long nowNanos) {
    if (share <= 0 || share > 1) {
      throw new IllegalArgumentException("a share is in (0, 1]: " + share);
    }
    refill(nowNanos);
    this.share = share;
    tokens = Math.min(tokens, capacity());
  }

  /** The rate now, in units a minute: the limit times the share, less any cut. */
  public synchronized double unitsPerMinute() {
    return limitPerMinute * share * factor;
  }

  /** The rate this replica may use when Google does not push back. */
  public synchronized double fullUnitsPerMinute() {
    return limitPerMinute * share;
  }

  private double unitsPerSecond() {
    return unitsPerMinute() / 60;
  }

  private double capacity() {
    return unitsPerSecond() * burstSeconds;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity(), tokens + unitsPerSecond() * elapsed / SECOND);
      refilledAt = nowNanos;
    }
  }
}
