package io.signet.directory.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.signet.directory.config.DirectorySyncConfig;
import io.signet.directory.repository.DirectoryUserRepository;
import io.signet.directory.repository.PendingNotificationRepository;
import io.signet.directory.repository.SyncRunEntity;
import io.signet.directory.repository.TenantEntity;
import io.signet.events.DirectoryUser;
import io.signet.events.TenantStatus;
import io.signet.support.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Decides what runs when: full syncs (one per tenant at a time, several tenants in parallel) and
 * single-user reads for push notifications.
 */
@ApplicationScoped
public class SyncCoordinator {

  private static final Logger LOG = Logger.getLogger(SyncCoordinator.class);

  /** What {@link DirectoryCalls} makes of Google's 404 {@code notFound} for users.get. */
  private static final String USER_GONE = "google-notFound";

  private final TenantDirectory tenants;
  private final SyncRuns runs;
  private final FullSync fullSync;
  private final TenantDirectoryReader reader;
  private final UserChanges changes;
  private final DirectoryUserRepository users;
  private final GroupGraph groups;
  private final HeldSyncs held;
  private final DirectoryMetrics metrics;
  private final PendingNotificationRepository notifications;
  private final ExecutorService fullSyncs;

  public SyncCoordinator(
      TenantDirectory tenants,
      SyncRuns runs,
      FullSync fullSync,
      TenantDirectoryReader reader,
      UserChanges changes,
      DirectoryUserRepository users,
      GroupGraph groups,
      HeldSyncs held,
      DirectoryMetrics metrics,
      PendingNotificationRepository notifications,
      DirectorySyncConfig config) {
    this.tenants = tenants;
    this.runs = runs;
    this.fullSync = fullSync;
    this.reader = reader;
    this.changes = changes;
    this.users = users;
    this.groups = groups;
    this.held = held;
    this.metrics = metrics;
    this.notifications = notifications;
    this.fullSyncs = Executors.newFixedThreadPool(config.concurrentSyncs());
  }

  void onStart(@Observes StartupEvent event) {
    int interrupted = runs.failInterrupted();
    if (interrupted > 0) {
      LOG.infof(
          "%d sync run(s) of a previous process marked failed; they will run again", interrupted);
    }
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    fullSyncs.shutdownNow();
    fullSyncs.awaitTermination(10, TimeUnit.SECONDS);
  }

  /**
   * Queues a full sync of an active tenant, or returns the one already queued or running.
   *
   * @throws Problem 404 for an unknown tenant, 409 for one that is not active
   */
  public SyncRunEntity requestFull(String tenantId, String trigger) {
    TenantEntity tenant =
        tenants.find(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId));
    if (tenant.status != TenantStatus.ACTIVE) {
      throw Problem.conflict(
          "tenant-not-active",
          "tenant " + tenantId + " is " + tenant.status + ": only active tenants are synced");
    }
    Optional<SyncRunEntity> queued = queue(tenantId, trigger);
    if (queued.isEmpty()) {
      return runs.unfinished(tenantId).orElseThrow();
    }
    SyncRunEntity run = queued.get();
    fullSyncs.submit(() -> fullSync.run(run.id, tenantId, tenant.adminEmail));
    return run;
  }

  private Optional<SyncRunEntity> queue(String tenantId, String trigger) {
    try {
      return runs.queue(tenantId, trigger);
    } catch (RuntimeException raced) {
      // another request queued one at the same moment: the unique index kept it to one
      return Optional.empty();
    }
  }

  /**
   * Reads one user again, for a push notification ({@link NotificationQueue}), and emits it if it
   * changed. A delete notification is no proof (a forged or replayed one carries a valid channel
   * token too, and an undelete may follow at once): only Google's 404 for users.get tombstones the
   * user; a user Google still has is re-read and kept. An update notification of a user Google no
   * longer has changes nothing (its delete notification follows).
   *
   * <p>What it records is not published yet: the caller then calls {@link UserChanges#publish}
   * (which may wait for another relay), once it no longer holds the notification.
   *
   * @return whether anything was recorded for Kafka
   * @throws RuntimeException when the user could not be read: the notification is tried again
   */
  public boolean readUser(String tenantId, String userId, boolean deleted) {
    TenantEntity tenant = tenants.find(tenantId).orElse(null);
    if (tenant == null || tenant.status != TenantStatus.ACTIVE) {
      return false;
    }
    TenantDirectoryReader.Session directory = reader.open(tenantId, tenant.adminEmail);
    com.google.api.services.directory.model.User user;
    try {
      user = directory.user(userId);
    } catch (GoogleCallFailed e) {
      if (!USER_GONE.equals(e.reason())) {
        throw e;
      }
      if (!deleted) {
        LOG.debugf("tenant %s: user %s of an update notification is gone", tenantId, userId);
        return false;
      }
      changes.recordDeletions(tenantId, List.of(userId));
      metrics.notification("delete-confirmed");
      return true;
    }
    if (deleted) {
      metrics.notification("delete-refuted");
      LOG.infof("tenant %s: delete notification for user %s, who still exists", tenantId, userId);
    }
    DirectoryUser event =
        UserMapper.event(
            tenantId, user, groups.refreshUser(directory, tenantId, user.getPrimaryEmail()));
    UserChanges.Emitted emitted = changes.record(tenantId, List.of(event), null);
    held.userExists(tenantId, event.userId());
    return emitted.created() + emitted.changed() > 0;
  }

  /** The tenant was deleted: tombstones for all its users, then forget it. */
  public void forgetTenant(String tenantId) {
    List<String> batch;
    do {
      batch = QuarkusTransaction.requiringNew().call(() -> users.userIds(tenantId, 500));
      changes.delete(tenantId, batch);
    } while (!batch.isEmpty());
    groups.forget(tenantId);
    QuarkusTransaction.requiringNew().run(() -> notifications.forget(tenantId));
    runs.resolveHeldOfDeletedTenant(tenantId);
    tenants.forget(tenantId);
  }
}
