package io.signet.directory.service;

import java.time.Duration;
import java.time.Instant;

/**
 * When a users.watch channel is renewed and when a refused one is tried again: Google caps a
 * channel's life (and may grant less than asked), and a refusal repeated at every check would only
 * add load and log noise.
 *
 * @param renewBefore renew when less than this remains (or half the granted life, when shorter)
 * @param retryInitial the wait after a first refusal; it doubles with each refusal in a row
 * @param retryMax the longest wait
 */
public record ChannelTiming(Duration renewBefore, Duration retryInitial, Duration retryMax) {

  /**
   * The longest channel life the Directory API grants: 6 h, as observed in production (firezone);
   * the SubscriptionChannel reference's 2 days is not what users.watch gives.
   */
  public static final Duration GOOGLE_MAX_LIFETIME = Duration.ofHours(6);

  /** The lifetime to ask for: what is configured, at most Google's cap. */
  public static Duration requested(Duration configured) {
    return configured.compareTo(GOOGLE_MAX_LIFETIME) > 0 ? GOOGLE_MAX_LIFETIME : configured;
  }

  /** Whether a channel opened at {@code openedAt} (null if unknown) must be renewed now. */
  public boolean renewDue(Instant openedAt, Instant expiration, Instant now) {
    Duration margin = renewBefore;
    if (openedAt != null) {
      Duration half = Duration.between(openedAt, expiration).dividedBy(2);
      if (half.compareTo(margin) < 0) {
        margin = half;
      }
    }
    return !now.plus(margin).isBefore(expiration);
  }

  /** The wait after the {@code failures}-th refusal in a row (1 for the first). */
  public Duration retryWait(int failures) {
    Duration wait = retryInitial;
    for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(retryMax) > 0 ? retryMax : wait;
  }
}
