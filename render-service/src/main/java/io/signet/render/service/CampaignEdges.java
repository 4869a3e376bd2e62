package io.signet.render.service;

import io.quarkus.scheduler.Scheduled;
import io.signet.events.RenderCause;
import io.signet.render.repository.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Flips campaign banners by themselves: every second (the first check soon after start), each
 * tenant whose campaigns live now differ from the ones last rendered gets a durable re-render. It
 * compares states rather than looking for edges since the last check, so an edge that passed while
 * the service was down is rendered at the first check after the restart.
 */
@ApplicationScoped
public class CampaignEdges {

  private final Repositories.CampaignStates states;
  private final Rerenders rerenders;

  public CampaignEdges(Repositories.CampaignStates states, Rerenders rerenders) {
    this.states = states;
    this.rerenders = rerenders;
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void check() {
    if (!states.lockCheck()) {
      return;
    }
    states
        .changed(Instant.now())
        .forEach(tenantId -> rerenders.tenant(tenantId, RenderCause.CAMPAIGN));
  }
}
