package io.signet.directory.service;

import io.signet.directory.config.DirectorySyncConfig;
import io.signet.google.GoogleBackoff;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import io.signet.support.broker.BrokerRefusal;
import io.signet.support.broker.BrokeredCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs Google Directory calls for a tenant: transient errors are retried with Google's backoff,
 * quota errors also slow the tenant's later reads down (recovering as calls succeed), and anything
 * else ends as a {@link GoogleCallFailed} with Google's reason.
 */
@ApplicationScoped
public class DirectoryCalls {

  private static final Logger LOG = Logger.getLogger(DirectoryCalls.class);
  private static final Duration MAX_PACE = Duration.ofSeconds(10);

  private final int maxTries;
  private final GoogleBackoff backoff;
  private final Map<String, Duration> pace = new ConcurrentHashMap<>();

  @Inject
  public DirectoryCalls(DirectorySyncConfig config) {
    this(config.maxTries(), GoogleBackoff.GOOGLE_RECOMMENDED);
  }

  DirectoryCalls(int maxTries, GoogleBackoff backoff) {
    this.maxTries = maxTries;
    this.backoff = backoff;
  }

  /** A Google call. */
  @FunctionalInterface
  public interface Call<T> {
    T execute() throws IOException;
  }

  public <T> T call(String tenantId, Call<T> call) {
    return call(tenantId, null, call);
  }

  /**
   * A call made with brokered credentials: when Google answers 401 and the refresh was refused by
   * the broker, the broker's reason is the failure.
   */
  public <T> T call(String tenantId, BrokeredCredentials credentials, Call<T> call) {
    for (int attempt = 1; ; attempt++) {
      sleep(pace.getOrDefault(tenantId, Duration.ZERO));
      try {
        T result = call.execute();
        pace.computeIfPresent(
            tenantId, (id, delay) -> delay.toMillis() < 50 ? null : delay.dividedBy(2));
        return result;
      } catch (IOException e) {
        Failure failure = classify(e, credentials == null ? null : credentials.lastRefusal());
        if (!failure.retryable() || attempt >= maxTries) {
          throw new GoogleCallFailed(failure.reason(), failure.detail());
        }
        Duration wait = backoff.delay(attempt - 1, ThreadLocalRandom.current());
        if (failure.quota()) {
          pace.merge(tenantId, Duration.ofMillis(200), (old, start) -> min(old.multipliedBy(2)));
          if (failure.retryAfter() != null) {
            Duration google = Duration.between(Instant.now(), failure.retryAfter());
            wait = google.isNegative() ? wait : min(google);
          }
        }
        LOG.debugf("tenant %s: %s, retry %d in %s", tenantId, failure.detail(), attempt, wait);
        sleep(wait);
      }
    }
  }

  /** The current delay between the tenant's reads (zero unless quota errors came back). */
  public Duration pace(String tenantId) {
    return pace.getOrDefault(tenantId, Duration.ZERO);
  }

  private record Failure(
      boolean retryable, boolean quota, String reason, String detail, Instant retryAfter) {}

  private static Failure classify(IOException e, BrokerRefusal lastRefusal) {
    BrokerRefusal refusal = lastRefusal != null ? lastRefusal : BrokerRefusal.in(e);
    if (refusal != null) {
      String reason = "delegation-denied".equals(refusal.type()) ? "delegation" : refusal.type();
      return new Failure(
          refusal.retryable(), false, reason, "token broker: " + refusal.getMessage(), null);
    }
    GoogleError error = GoogleErrorClassifier.classify(e);
    String reason =
        switch (error.category()) {
          case AUTH -> "delegation";
          case QUOTA, USER_QUOTA -> "quota";
          case RETRYABLE -> "unavailable";
          // the tenant's admin account itself is deleted, restricted or disabled
          case SUBJECT -> "subject-refused";
          case CLOCK_SKEW -> "clock-skew";
          case PERMANENT -> "google-" + error.reason();
        };
    return new Failure(
        error.category().retryable(),
        error.category() == GoogleErrorCategory.QUOTA
            || error.category() == GoogleErrorCategory.USER_QUOTA,
        reason,
        error.summary(),
        error.retryAfter().orElse(null));
  }

  private static Duration min(Duration delay) {
    return delay.compareTo(MAX_PACE) > 0 ? MAX_PACE : delay;
  }

  private static void sleep(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GoogleCallFailed("interrupted", "the sync was interrupted");
    }
  }
}
