package io.signet.directory.service;

import java.time.Duration;

/**
 * Spaces one read's Directory queries so it stays under a number of queries a minute, and counts
 * them: a group read is many small calls, and Google's 2,400 a minute per admin are shared.
 */
final class QueryPacer {

  private final long gapNanos;
  private long next = System.nanoTime();
  private int queries;

  QueryPacer(int queriesPerMinute) {
    this.gapNanos = Duration.ofMinutes(1).toNanos() / Math.max(1, queriesPerMinute);
  }

  /** Waits until the next query may go out. */
  synchronized void acquire() {
    long now = System.nanoTime();
    long wait = next - now;
    next = Math.max(now, next) + gapNanos;
    queries++;
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GoogleCallFailed("interrupted", "the group read was interrupted");
      }
    }
  }

  /** Queries made so far. */
  synchronized int queries() {
    return queries;
  }
}
