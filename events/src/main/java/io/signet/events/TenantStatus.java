package io.signet.events;

/** Lifecycle of a tenant as other services see it. */
public enum TenantStatus {
  /** Onboarded, but not every automatic requirement has been verified yet. */
  PENDING,
  /** Every automatic requirement passed: sync, render and push run. */
  ACTIVE,
  /** Stopped by the operator: nothing is read from or written to Google. */
  SUSPENDED
}
