package io.signet.render.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.signet.events.RenderCause;
import io.signet.render.repository.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Re-renders whole tenants in the background: after a template, rule or campaign change, and at
 * every campaign edge (checked each second), so banners flip without anyone touching anything.
 */
@ApplicationScoped
public class Rerenders {

  private static final Logger LOG = Logger.getLogger(Rerenders.class);

  private final RenderPipeline pipeline;
  private final Repositories.Campaigns campaigns;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private volatile Instant lastEdgeCheck = Instant.now();

  public Rerenders(RenderPipeline pipeline, Repositories.Campaigns campaigns) {
    this.pipeline = pipeline;
    this.campaigns = campaigns;
  }

  /** Queues a re-render of every user of the tenant. */
  public void tenant(String tenantId, RenderCause cause) {
    executor.submit(
        () -> {
          try {
            int emitted = pipeline.renderTenant(tenantId, cause);
            LOG.infof(
                "tenant %s re-rendered (%s): %d signature(s) emitted", tenantId, cause, emitted);
          } catch (RuntimeException e) {
            LOG.errorf(e, "tenant %s: re-render (%s) failed", tenantId, cause);
          }
        });
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void campaignEdges() {
    Instant now = Instant.now();
    Instant since = lastEdgeCheck;
    lastEdgeCheck = now;
    campaigns.all().stream()
        .filter(
            campaign ->
                crossed(campaign.startAt, since, now) || crossed(campaign.endAt, since, now))
        .map(campaign -> campaign.tenantId)
        .distinct()
        .forEach(tenantId -> tenant(tenantId, RenderCause.CAMPAIGN));
  }

  private static boolean crossed(Instant edge, Instant since, Instant now) {
    return edge.isAfter(since) && !edge.isAfter(now);
  }

  void onStop(@Observes ShutdownEvent event) {
    executor.shutdownNow();
  }
}
