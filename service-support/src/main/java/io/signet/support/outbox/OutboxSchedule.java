package io.signet.support.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox's scheduled relay, in the services that have an outbox ({@code signet.outbox.enabled}
 * at build time): publishes what a crashed process, a Kafka outage or a busy relay left behind, and
 * prunes what was relayed long ago.
 */
@ApplicationScoped
@IfBuildProperty(name = "signet.outbox.enabled", stringValue = "true")
public class OutboxSchedule {

  private final Outbox outbox;

  public OutboxSchedule(Outbox outbox) {
    this.outbox = outbox;
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void relay() {
    outbox.relayIfFree();
  }

  @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void prune() {
    outbox.prune();
  }
}
