package io.signet.push.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this replica last saw each tenant paused, so that the dispatcher drops work it claimed
 * before the pause instead of failing it one call at a time. Work claimed afterwards is not
 * affected: claims read the tenant's state from the database, which every replica shares (this
 * replica may not have seen the tenant resume).
 */
@ApplicationScoped
public class TenantGate {

  private final Map<String, Long> pausedAt = new ConcurrentHashMap<>();

  public void pause(String tenantId) {
    pausedAt.put(tenantId, System.nanoTime());
  }

  /** Whether work for the tenant claimed at {@code claimedAt} (nano time) predates a pause. */
  public boolean claimedBeforePause(String tenantId, long claimedAt) {
    Long paused = pausedAt.get(tenantId);
    return paused != null && claimedAt - paused <= 0;
  }
}
