package io.signet.emulator.http;

/**
 * The quotas the emulator enforces, Google's real ones by default.
 *
 * @param gmailUnitsPerMinutePerProject Gmail quota units per minute for one Cloud project
 * @param gmailUnitsPerMinutePerUser Gmail quota units per minute for one user
 * @param directoryQueriesPerMinutePerUser Directory queries per minute per user per project
 * @param perUserAnswer how a per-user limit is answered (Google uses each of these forms); {@link
 *     PerUserAnswer#RATE_LIMIT_429} when absent, the form hardest to tell from the project's limit
 */
public record QuotaSettings(
    boolean enabled,
    long gmailUnitsPerMinutePerProject,
    long gmailUnitsPerMinutePerUser,
    long directoryQueriesPerMinutePerUser,
    PerUserAnswer perUserAnswer) {

  /** The forms in which Google answers a user's rate limit. */
  public enum PerUserAnswer {
    /**
     * 429 {@code rateLimitExceeded} "User-rate limit exceeded. Retry after <RFC 3339>": the
     * project's status and reason, told apart by the message alone (bettergov/foiamail 36).
     */
    RATE_LIMIT_429,
    /**
     * 403 {@code userRateLimitExceeded} "User-rate limit exceeded. Retry after <RFC 3339>" (Gmail
     * guide "Resolve errors").
     */
    USER_RATE_LIMIT_403,
    /**
     * 403 {@code rateLimitExceeded} "Quota exceeded for quota metric 'Queries' and limit 'Queries
     * per minute per user' …", an {@code ErrorInfo} naming the per-user limit, and no retry time
     * (mxngls/gmail-cleaner 5, GAM-team/got-your-back 309).
     */
    QUOTA_METRIC_403
  }

  public static final QuotaSettings GOOGLE = new QuotaSettings(true, 1_200_000, 15_000, 2_400);

  public static final QuotaSettings OFF = new QuotaSettings(false, 1, 1, 1);

  public QuotaSettings {
    if (gmailUnitsPerMinutePerProject < 1
        || gmailUnitsPerMinutePerUser < 1
        || directoryQueriesPerMinutePerUser < 1) {
      throw new IllegalArgumentException("every quota is at least 1 per minute");
    }
    if (perUserAnswer == null) {
      perUserAnswer = PerUserAnswer.RATE_LIMIT_429;
    }
  }

  public QuotaSettings(
      boolean enabled,
      long gmailUnitsPerMinutePerProject,
      long gmailUnitsPerMinutePerUser,
      long directoryQueriesPerMinutePerUser) {
    this(
        enabled,
        gmailUnitsPerMinutePerProject,
        gmailUnitsPerMinutePerUser,
        directoryQueriesPerMinutePerUser,
        null);
  }
}
