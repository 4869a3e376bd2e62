package io.signet.push.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants paused in this replica since their targets were claimed: the dispatcher drops their
 * claimed work at once instead of failing it one call at a time.
 */
@ApplicationScoped
public class TenantGate {

  private final Set<String> paused = ConcurrentHashMap.newKeySet();

  public void pause(String tenantId) {
    paused.add(tenantId);
  }

  public void resume(String tenantId) {
    paused.remove(tenantId);
  }

  public boolean isPaused(String tenantId) {
    return paused.contains(tenantId);
  }
}
