package io.signet.support.tenants;

/** What a service knows of a tenant from {@code signet.tenants}, for admitting its tokens. */
public enum TenantStanding {
  /** Never heard of here (yet): its tokens are judged by the service's own checks. */
  UNKNOWN,
  /** Pending or active. */
  LIVE,
  /** Suspended by the operator: its admin may read, not change. */
  SUSPENDED,
  /** Deleted: its tokens are refused. */
  DELETED;

  /**
   * A read model's answer: deleted when {@link DeletedTenants} holds the tenant, else by the status
   * its last snapshot carried ({@code SUSPENDED}, other) or unknown without one.
   */
  public static TenantStanding of(boolean deleted, String lastStatus) {
    if (deleted) {
      return DELETED;
    }
    if (lastStatus == null) {
      return UNKNOWN;
    }
    return "SUSPENDED".equals(lastStatus) ? SUSPENDED : LIVE;
  }
}
