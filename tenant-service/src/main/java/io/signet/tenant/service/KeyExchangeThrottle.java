package io.signet.tenant.service;

import io.signet.support.Problem;
import io.signet.tenant.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Throttles API key guessing: failed exchanges are counted per source address and per tenant key id
 * in fixed windows; past the limit, every exchange from that address or with that key answers 429
 * with Retry-After until the window ends, whether the key is right or not. Counts live in memory,
 * bounded: each replica counts its own.
 */
@ApplicationScoped
public class KeyExchangeThrottle {

  /**
   * Beyond this many counted sources, windows that ended are dropped, then those not (yet)
   * refusing: a flood of new addresses cannot lift a refusal in force.
   */
  static final int MAX_ENTRIES = 100_000;

  private final int maxFailures;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  @Inject
  public KeyExchangeThrottle(AuthConfig config) {
    this(config.throttle().maxFailures(), config.throttle().window().toNanos(), System::nanoTime);
  }

  KeyExchangeThrottle(int maxFailures, long windowNanos, LongSupplier nanoTime) {
    this.maxFailures = maxFailures;
    this.windowNanos = windowNanos;
    this.nanoTime = nanoTime;
  }

  private record Window(long start, int failures) {}

  /**
   * Refuses an exchange from {@code address}, or with the tenant key {@code keyId} (null for keys
   * without an id), that failed too often in the current window.
   *
   * @throws Problem 429 {@code too-many-attempts} with Retry-After
   */
  public void check(String address, String keyId) {
    long now = nanoTime.getAsLong();
    refuseIfOver("address:" + address, now, "too many failed API key exchanges from " + address);
    if (keyId != null) {
      refuseIfOver("key:" + keyId, now, "too many failed exchanges of this API key");
    }
  }

  /** Counts a failed exchange against the address and the key id (if any). */
  public void failed(String address, String keyId) {
    long now = nanoTime.getAsLong();
    if (windows.size() >= MAX_ENTRIES) {
      windows.values().removeIf(window -> now - window.start() >= windowNanos);
      if (windows.size() >= MAX_ENTRIES) {
        windows.values().removeIf(window -> window.failures() < maxFailures);
      }
    }
    count("address:" + address, now);
    if (keyId != null) {
      count("key:" + keyId, now);
    }
  }

  private void count(String source, long now) {
    windows.merge(
        source,
        new Window(now, 1),
        (old, fresh) ->
            now - old.start() >= windowNanos ? fresh : new Window(old.start(), old.failures() + 1));
  }

  private void refuseIfOver(String source, long now, String detail) {
    Window window = windows.get(source);
    if (window == null || window.failures() < maxFailures) {
      return;
    }
    long left = windowNanos - (now - window.start());
    if (left <= 0) {
      windows.remove(source, window);
      return;
    }
    throw Problem.tooManyRequests(
        "too-many-attempts", detail + ": try again later", (left + 999_999_999L) / 1_000_000_000L);
  }
}
