package io.signet.emulator.http;

import io.signet.emulator.state.AccessToken;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Charges each call to its quotas and refuses it with Google's envelope when one is exhausted: per
 * project 429 {@code rateLimitExceeded}, per user 403 {@code userRateLimitExceeded} with the
 * instant to retry after.
 */
final class Quotas {

  private final Clock clock;
  private final LongSupplier nanos;
  private volatile QuotaSettings settings;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  Quotas(QuotaSettings settings, Clock clock, LongSupplier nanos) {
    this.settings = settings;
    this.clock = clock;
    this.nanos = nanos;
  }

  QuotaSettings settings() {
    return settings;
  }

  void configure(QuotaSettings settings) {
    this.settings = settings;
    buckets.clear();
  }

  void charge(Operation operation, AccessToken token) {
    QuotaSettings current = settings;
    if (!current.enabled() || operation.cost() == 0) {
      return;
    }
    long now = nanos.getAsLong();
    String user = token.subjectUserId() == null ? token.clientId() : token.subjectUserId();
    switch (operation.api()) {
      case GMAIL -> chargeGmail(operation.cost(), token.projectId(), user, now, current);
      case DIRECTORY -> {
        TokenBucket perUser =
            bucket(
                "dir/" + token.projectId() + "/" + user,
                current.directoryQueriesPerMinutePerUser(),
                now);
        long wait = perUser.tryTake(operation.cost(), now);
        if (wait > 0) {
          throw userRateLimited(wait);
        }
      }
      case TOKEN -> {}
    }
  }

  private void chargeGmail(int cost, String project, String user, long now, QuotaSettings current) {
    TokenBucket perUser =
        bucket("gmail-user/" + project + "/" + user, current.gmailUnitsPerMinutePerUser(), now);
    long userWait = perUser.tryTake(cost, now);
    if (userWait > 0) {
      throw userRateLimited(userWait);
    }
    TokenBucket perProject =
        bucket("gmail-project/" + project, current.gmailUnitsPerMinutePerProject(), now);
    if (perProject.tryTake(cost, now) > 0) {
      perUser.refund(cost);
      throw new ApiException(
          429,
          "rateLimitExceeded",
          "Resource has been exhausted (e.g. check quota).",
          "global",
          null);
    }
  }

  private TokenBucket bucket(String key, long perMinute, long now) {
    return buckets.computeIfAbsent(key, k -> new TokenBucket(perMinute, now));
  }

  private ApiException userRateLimited(long waitNanos) {
    Instant retryAt = clock.instant().plusNanos(waitNanos).truncatedTo(ChronoUnit.MILLIS);
    return new ApiException(
        403,
        "userRateLimitExceeded",
        "User-rate limit exceeded.  Retry after " + DateTimeFormatter.ISO_INSTANT.format(retryAt),
        "usageLimits",
        null);
  }
}
