package io.signet.push.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.ReplicaRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This replica among its peers: a heartbeat in the shared database every few seconds, and the count
 * of live replicas that divide each project's quota between them.
 */
@ApplicationScoped
public class Replicas {

  private static final Logger LOG = Logger.getLogger(Replicas.class);

  /** A replica not seen for this long is gone; its share goes to the others. */
  static final Duration LIVE_WINDOW = Duration.ofSeconds(10);

  private final ReplicaRepository replicas;
  private final ProjectBudgets budgets;
  private final String instanceId;
  private volatile int count = 1;

  public Replicas(PushConfig config, ReplicaRepository replicas, ProjectBudgets budgets) {
    this.replicas = replicas;
    this.budgets = budgets;
    this.instanceId =
        config.instanceId().orElse("push-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public String instanceId() {
    return instanceId;
  }

  @Scheduled(every = "2s", delay = 0, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void heartbeat() {
    int live = replicas.heartbeat(instanceId, LIVE_WINDOW);
    if (live != count) {
      LOG.infof("%d push-service replica(s) share the quota now", live);
    }
    count = live;
    budgets.replicas(live);
  }

  @Transactional
  void leave(@Observes ShutdownEvent event) {
    replicas.leave(instanceId);
  }
}
