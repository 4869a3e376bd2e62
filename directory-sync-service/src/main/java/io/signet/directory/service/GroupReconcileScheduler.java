package io.signet.directory.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.signet.directory.config.GroupSyncConfig;
import io.signet.directory.repository.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Offers every active tenant to the {@link GroupReconciler} on each check, a few tenants at a time
 * and each tenant once at a time; the reconciler decides whether its interval has passed.
 */
@ApplicationScoped
public class GroupReconcileScheduler {

  private static final Logger LOG = Logger.getLogger(GroupReconcileScheduler.class);

  private final TenantDirectory tenants;
  private final GroupReconciler reconciler;
  private final ExecutorService workers;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public GroupReconcileScheduler(
      TenantDirectory tenants, GroupReconciler reconciler, GroupSyncConfig config) {
    this.tenants = tenants;
    this.reconciler = reconciler;
    this.workers = Executors.newFixedThreadPool(config.concurrentReconciliations());
  }

  @Scheduled(
      every = "${signet.directory.groups.reconcile-check:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void offerTenants() {
    for (TenantEntity tenant : tenants.active()) {
      if (inFlight.add(tenant.id)) {
        workers.submit(
            () -> {
              try {
                reconciler.reconcile(tenant);
              } catch (RuntimeException e) {
                LOG.warnf("tenant %s: group reconciliation failed: %s", tenant.id, e.getMessage());
              } finally {
                inFlight.remove(tenant.id);
              }
            });
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    workers.shutdownNow();
  }
}
