package io.signet.directory.service;

import io.quarkus.scheduler.Scheduled;
import io.signet.directory.repository.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Starts each active tenant's full sync when its interval has passed. */
@ApplicationScoped
public class SyncScheduler {

  private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

  private final TenantDirectory tenants;
  private final SyncCoordinator coordinator;

  public SyncScheduler(TenantDirectory tenants, SyncCoordinator coordinator) {
    this.tenants = tenants;
    this.coordinator = coordinator;
  }

  @Scheduled(
      every = "${signet.directory.schedule-check:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void syncDueTenants() {
    for (TenantEntity tenant : tenants.dueForSync(Instant.now())) {
      try {
        coordinator.requestFull(tenant.id, "SCHEDULE");
      } catch (RuntimeException e) {
        LOG.warnf("tenant %s: scheduled sync not started: %s", tenant.id, e.getMessage());
      }
    }
  }
}
