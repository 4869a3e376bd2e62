package io.signet.google;

/** What a caller should do about a failed Google call. */
public enum GoogleErrorCategory {
  /** A transient failure (5xx, timeout, connection, a non-JSON answer): retry with backoff. */
  RETRYABLE,
  /** The Cloud project's rate or quota limit: slow the project down, then retry. */
  QUOTA,
  /**
   * One user's rate limit ({@code userRateLimitExceeded}, "User-rate limit exceeded", a per-user
   * quota metric): wait, for that user only, until Google's "Retry after" time; the project's pace
   * is not at fault.
   */
  USER_QUOTA,
  /** This request cannot succeed as it is (bad input, address gone, mail not enabled): stop. */
  PERMANENT,
  /**
   * Google will not act as this one subject (unknown, deleted, restricted or disabled account):
   * stop this user's work only; the delegation and the rest of the tenant are fine.
   */
  SUBJECT,
  /**
   * Google refused the assertion's iat/exp: the clock of the host that signed it is off. Signet's
   * own fault, not the tenant's nor the user's: retry with backoff and alert the operator.
   */
  CLOCK_SKEW,
  /**
   * Delegation or credentials are wrong for the whole tenant (grant missing or revoked, scope
   * missing, service account deleted or disabled, bad key): stop and tell the admin what to fix.
   */
  AUTH;

  public boolean retryable() {
    return this == RETRYABLE || this == QUOTA || this == USER_QUOTA || this == CLOCK_SKEW;
  }
}
