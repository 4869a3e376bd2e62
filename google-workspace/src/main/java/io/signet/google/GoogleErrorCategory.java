package io.signet.google;

/** What a caller should do about a failed Google call. */
public enum GoogleErrorCategory {
  /** A transient failure (5xx, timeout, connection): retry with backoff. */
  RETRYABLE,
  /** A rate or quota limit: slow down, then retry. */
  QUOTA,
  /** This request cannot succeed as it is (bad input, user gone, mail not enabled): stop. */
  PERMANENT,
  /**
   * Delegation or credentials are wrong for the whole tenant (grant missing or revoked, scope
   * missing, bad key): stop and tell the admin what to fix.
   */
  AUTH;

  public boolean retryable() {
    return this == RETRYABLE || this == QUOTA;
  }
}
