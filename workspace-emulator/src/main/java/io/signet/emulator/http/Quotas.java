package io.signet.emulator.http;

import io.signet.emulator.state.AccessToken;
import io.signet.emulator.state.AccountTroubles;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Charges each call to its quotas and refuses it with Google's envelope when one is exhausted: per
 * project 429 {@code rateLimitExceeded}, per user in the configured {@link
 * QuotaSettings.PerUserAnswer} form, with the instant to retry after. A user held at the limit
 * through the admin API is refused until then, whatever the buckets hold.
 */
final class Quotas {

  private final Clock clock;
  private final LongSupplier nanos;
  private volatile QuotaSettings settings;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AccountTroubles troubles;

  Quotas(QuotaSettings settings, Clock clock, LongSupplier nanos, AccountTroubles troubles) {
    this.settings = settings;
    this.clock = clock;
    this.nanos = nanos;
    this.troubles = troubles;
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
    if (operation.api() == Operation.Api.GMAIL) {
      var held = troubles.refuseIfLimited(token.subjectUserId(), clock.instant());
      if (held.isPresent()) {
        throw userRateLimited(held.get(), current.perUserAnswer(), token.projectId());
      }
    }
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
          // the Directory API answers its per-user limit as 403 userRateLimitExceeded
          throw userRateLimited(
              retryAt(wait), QuotaSettings.PerUserAnswer.USER_RATE_LIMIT_403, token.projectId());
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
      throw userRateLimited(retryAt(userWait), current.perUserAnswer(), project);
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

  private Instant retryAt(long waitNanos) {
    return clock.instant().plusNanos(waitNanos);
  }

  /** Google's answer to a user over their limit, in the form asked for. */
  static ApiException userRateLimited(
      Instant retryAt, QuotaSettings.PerUserAnswer form, String project) {
    String message =
        "User-rate limit exceeded.  Retry after "
            + DateTimeFormatter.ISO_INSTANT.format(retryAt.truncatedTo(ChronoUnit.MILLIS));
    return switch (form) {
      case RATE_LIMIT_429 ->
          new ApiException(429, "rateLimitExceeded", message, "usageLimits", null);
      case USER_RATE_LIMIT_403 ->
          new ApiException(403, "userRateLimitExceeded", message, "usageLimits", null);
      case QUOTA_METRIC_403 ->
          new ApiException(
              403,
              "rateLimitExceeded",
              "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'"
                  + " of service 'gmail.googleapis.com' for consumer 'project_number:"
                  + project
                  + "'.",
              "usageLimits",
              null);
    };
  }
}
