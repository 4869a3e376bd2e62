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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads applied signatures back once per drift interval — one {@code sendAs.list} per user (1 quota
 * unit, against 100 for a write) covers all of the user's addresses — and pushes again the ones
 * someone changed in Gmail or with another tool. Reads take their units from the same project
 * budgets as writes.
 */
@ApplicationScoped
public class DriftRepair {

  private static final Logger LOG = Logger.getLogger(DriftRepair.class);

  private final DriftRepository drift;
  private final PushTenantRepository tenants;
  private final GmailSessions sessions;
  private final SendAsLists sendAsLists;
  private final PushMetrics metrics;
  private final PushDispatcher dispatcher;
  private final PushConfig config;

  public DriftRepair(
      DriftRepository drift,
      PushTenantRepository tenants,
      GmailSessions sessions,
      SendAsLists sendAsLists,
      PushMetrics metrics,
      PushDispatcher dispatcher,
      PushConfig config) {
    this.drift = drift;
    this.tenants = tenants;
    this.sessions = sessions;
    this.sendAsLists = sendAsLists;
    this.metrics = metrics;
    this.dispatcher = dispatcher;
    this.config = config;
  }

  @Scheduled(
      every = "${signet.push.drift-tick:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    Map<String, List<Applied>> byUser = new LinkedHashMap<>();
    for (Applied applied :
        drift.takeDue(Instant.now().minus(config.driftInterval()), config.driftBatch())) {
      byUser
          .computeIfAbsent(applied.tenantId() + "/" + applied.userId(), key -> new ArrayList<>())
          .add(applied);
    }
    int repaired = 0;
    for (List<Applied> due : byUser.values()) {
      repaired += check(due);
    }
    if (repaired > 0) {
      LOG.infof("drift repair: %d signature(s) changed in Gmail, pushing them again", repaired);
      dispatcher.wake();
    }
  }

  /**
   * Reads one user's sendAs list (which also records it, so a sendAs added or removed in Gmail
   * reaches render-service) and compares each due address with what was applied.
   *
   * @return how many of the user's addresses no longer hold what was applied
   */
  private int check(List<Applied> due) {
    Applied first = due.get(0);
    String project =
        tenants
            .find(first.tenantId())
            .map(PushTenantRepository.PushTenant::project)
            .orElse(PushTenantRepository.UNKNOWN_PROJECT);
    int repaired = 0;
    try {
      List<SendAs> held =
          sendAsLists.read(
              first.tenantId(),
              first.userId(),
              first.subject(),
              project,
              sessions.of(first.tenantId(), first.subject()).gmail());
      for (Applied applied : due) {
        metrics.driftChecked();
        String signature =
            held.stream()
                .filter(entry -> applied.sendAsEmail().equalsIgnoreCase(entry.getSendAsEmail()))
                .map(entry -> entry.getSignature() == null ? "" : entry.getSignature())
                .findFirst()
                .orElse(null);
        // an address gone from Gmail's list is pushed again too: it ends created or FAILED
        if ((signature == null || !SignatureDigest.ofStored(signature).equals(applied.gmailHash()))
            && drift.drifted(applied)) {
          metrics.driftRepaired();
          repaired++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // a failed read is checked again at the next interval; pushes report Google's errors
      LOG.debugf("drift check of %s failed: %s", first.subject(), e.getMessage());
    }
    return repaired;
  }
}
