package io.signet.push.service;

import com.google.api.services.gmail.model.SendAs;
import io.quarkus.scheduler.Scheduled;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.DriftRepository;
import io.signet.push.repository.DriftRepository.Applied;
import io.signet.push.repository.PushTenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Reads applied signatures back ({@code sendAs.get}, 1 quota unit against 100 for a write) once per
 * drift interval and pushes again the ones someone changed in Gmail or with another tool. Reads
 * take their units from the same project budgets as writes.
 */
@ApplicationScoped
public class DriftRepair {

  private static final Logger LOG = Logger.getLogger(DriftRepair.class);

  private final DriftRepository drift;
  private final PushTenantRepository tenants;
  private final GmailSessions sessions;
  private final ProjectBudgets budgets;
  private final PushMetrics metrics;
  private final PushDispatcher dispatcher;
  private final PushConfig config;

  public DriftRepair(
      DriftRepository drift,
      PushTenantRepository tenants,
      GmailSessions sessions,
      ProjectBudgets budgets,
      PushMetrics metrics,
      PushDispatcher dispatcher,
      PushConfig config) {
    this.drift = drift;
    this.tenants = tenants;
    this.sessions = sessions;
    this.budgets = budgets;
    this.metrics = metrics;
    this.dispatcher = dispatcher;
    this.config = config;
  }

  @Scheduled(
      every = "${signet.push.drift-tick:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    int repaired = 0;
    for (Applied applied :
        drift.takeDue(Instant.now().minus(config.driftInterval()), config.driftBatch())) {
      if (check(applied)) {
        repaired++;
      }
    }
    if (repaired > 0) {
      LOG.infof("drift repair: %d signature(s) changed in Gmail, pushing them again", repaired);
      dispatcher.wake();
    }
  }

  /**
   * @return whether Gmail no longer held what was applied
   */
  private boolean check(Applied applied) {
    String project =
        tenants
            .find(applied.tenantId())
            .map(PushTenantRepository.PushTenant::project)
            .orElse(PushTenantRepository.UNKNOWN_PROJECT);
    long wait;
    while ((wait = budgets.tryTake(project, config.readCost())) > 0) {
      LockSupport.parkNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
    }
    try {
      SendAs held =
          sessions
              .of(applied.tenantId(), applied.subject())
              .gmail()
              .users()
              .settings()
              .sendAs()
              .get("me", applied.sendAsEmail())
              .execute();
      metrics.driftChecked();
      if (!SignatureDigest.ofStored(held.getSignature()).equals(applied.gmailHash())
          && drift.drifted(applied)) {
        metrics.driftRepaired();
        return true;
      }
    } catch (IOException | RuntimeException e) {
      // a failed read is checked again at the next interval; pushes report Google's errors
      LOG.debugf("drift check of %s failed: %s", applied.sendAsEmail(), e.getMessage());
    }
    return false;
  }
}
