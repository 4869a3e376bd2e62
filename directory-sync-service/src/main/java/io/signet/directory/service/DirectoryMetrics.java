package io.signet.directory.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The service's metrics, named once. */
@ApplicationScoped
public class DirectoryMetrics {

  private final MeterRegistry registry;
  private final AtomicLong heldSyncs = new AtomicLong();
  private final AtomicLong notificationsWaiting = new AtomicLong();

  public DirectoryMetrics(MeterRegistry registry) {
    this.registry = registry;
    // every replica reports the count from the shared database, so alert on max(), not sum()
    registry.gauge("signet_directory_held_syncs", heldSyncs);
    registry.gauge("signet_directory_notifications_waiting", notificationsWaiting);
  }

  /** Users waiting to be read for watch notifications, across tenants (shared: alert on max()). */
  void notificationsWaiting(long count) {
    notificationsWaiting.set(count);
  }

  void syncHeld(String reason) {
    registry.counter("signet_directory_syncs_held_total", "reason", reason).increment();
  }

  /** Held runs no operator has confirmed and no later sync has superseded, across tenants. */
  void heldSyncs(long count) {
    heldSyncs.set(count);
  }

  void usersRead(int count) {
    registry.counter("signet_directory_users_read_total").increment(count);
  }

  void emitted(String kind, int count) {
    if (count > 0) {
      registry.counter("signet_directory_events_emitted_total", "kind", kind).increment(count);
    }
  }

  void syncFinished(String outcome, Duration duration) {
    Timer.builder("signet_directory_sync_duration_seconds")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  void syncFailed(String reason) {
    registry.counter("signet_directory_sync_failures_total", "reason", reason).increment();
  }

  public void notification(String outcome) {
    registry.counter("signet_directory_notifications_total", "outcome", outcome).increment();
  }

  /** One group reconciliation of a tenant: its outcome, its Directory queries, users it changed. */
  void groupReconciliation(String outcome, int queries, int usersChanged) {
    registry
        .counter("signet_directory_group_reconciliations_total", "outcome", outcome)
        .increment();
    registry.counter("signet_directory_group_queries_total").increment(queries);
    registry.counter("signet_directory_group_users_changed_total").increment(usersChanged);
  }
}
