package io.signet.emulator.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Injected latency and errors per operation, and a queue of "the next N calls fail with X" for
 * deterministic tests.
 */
final class Faults {

  /**
   * A uniformly distributed latency.
   *
   * @param minMillis the shortest delay
   * @param maxMillis the longest delay
   */
  record Latency(long minMillis, long maxMillis) {
    Latency {
      if (minMillis < 0 || maxMillis < minMillis || maxMillis > 120_000) {
        throw new IllegalArgumentException("latency needs 0 <= minMillis <= maxMillis <= 120000");
      }
    }

    long sample() {
      return minMillis == maxMillis
          ? minMillis
          : ThreadLocalRandom.current().nextLong(minMillis, maxMillis + 1);
    }
  }

  /**
   * An error answered at random to a share of calls.
   *
   * @param rate the share of calls, 0 to 1
   */
  record ErrorRate(int status, String reason, double rate, NonJsonAnswer.Format format) {
    ErrorRate(int status, String reason, double rate) {
      this(status, reason, rate, null);
    }

    ErrorRate {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("rate is between 0 and 1");
      }
      requireErrorStatus(status);
    }
  }

  /**
   * The next {@code count} calls of {@code operation} ({@code *} for any) fail.
   *
   * @param operation an operation's API name, or {@code *}
   */
  record NextFailure(
      String operation,
      int count,
      int status,
      String reason,
      int after,
      NonJsonAnswer.Format format) {
    NextFailure(String operation, int count, int status, String reason, int after) {
      this(operation, count, status, reason, after, null);
    }

    NextFailure {
      if (count < 1 || after < 0) {
        throw new IllegalArgumentException("count is at least 1 and after at least 0");
      }
      requireErrorStatus(status);
    }
  }

  private final Map<Operation, Latency> latency = new ConcurrentHashMap<>();
  private final Map<Operation, List<ErrorRate>> errorRates = new ConcurrentHashMap<>();
  private final Deque<NextFailure> nextFailures = new ArrayDeque<>();
  private int missingUsersAfter;
  private int missingUsersPages;

  void setLatency(Operation operation, Latency value) {
    latency.put(operation, value);
  }

  void setErrorRates(Operation operation, List<ErrorRate> rates) {
    errorRates.put(operation, List.copyOf(rates));
  }

  synchronized void failNext(NextFailure failure) {
    nextFailures.addLast(failure);
  }

  synchronized void clear() {
    latency.clear();
    errorRates.clear();
    nextFailures.clear();
    missingUsersAfter = 0;
    missingUsersPages = 0;
  }

  /**
   * After {@code after} users.list pages answered whole, the next {@code count} answer 200 without
   * their {@code users} (Google does this now and then: the notes' last section).
   */
  synchronized void missingUsers(int count, int after) {
    if (count < 1 || after < 0) {
      throw new IllegalArgumentException("count is at least 1 and after at least 0");
    }
    missingUsersPages = count;
    missingUsersAfter = after;
  }

  /** Whether this users.list page is answered without its users. */
  synchronized boolean dropUsersOfThisPage() {
    if (missingUsersPages == 0) {
      return false;
    }
    if (missingUsersAfter > 0) {
      missingUsersAfter--;
      return false;
    }
    missingUsersPages--;
    return true;
  }

  long latencyMillis(Operation operation) {
    Latency value = latency.get(operation);
    return value == null ? 0 : value.sample();
  }

  /** Throws the injected error for this call, if one is due. */
  void check(Operation operation) {
    ApiException queued = takeQueued(operation);
    if (queued != null) {
      throw queued;
    }
    List<ErrorRate> rates = errorRates.get(operation);
    if (rates == null) {
      return;
    }
    double draw = ThreadLocalRandom.current().nextDouble();
    for (ErrorRate rate : rates) {
      if (draw < rate.rate()) {
        throw injected(rate.status(), rate.reason(), rate.format());
      }
      draw -= rate.rate();
    }
  }

  private synchronized ApiException takeQueued(Operation operation) {
    for (var it = nextFailures.iterator(); it.hasNext(); ) {
      NextFailure failure = it.next();
      if (failure.operation().equals("*") || failure.operation().equals(operation.apiName())) {
        it.remove();
        if (failure.after() > 0) {
          nextFailures.addFirst(
              new NextFailure(
                  failure.operation(),
                  failure.count(),
                  failure.status(),
                  failure.reason(),
                  failure.after() - 1,
                  failure.format()));
          return null;
        }
        if (failure.count() > 1) {
          nextFailures.addFirst(
              new NextFailure(
                  failure.operation(),
                  failure.count() - 1,
                  failure.status(),
                  failure.reason(),
                  0,
                  failure.format()));
        }
        return injected(failure.status(), failure.reason(), failure.format());
      }
    }
    return null;
  }

  private static ApiException injected(int status, String reason, NonJsonAnswer.Format format) {
    return format == null
        ? ApiException.injected(status, reason)
        : new NonJsonAnswer(status, reason, format);
  }

  private static void requireErrorStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an injected error has a 4xx or 5xx status: " + status);
    }
  }
}
