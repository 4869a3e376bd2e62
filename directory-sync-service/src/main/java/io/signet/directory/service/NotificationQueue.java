package io.signet.directory.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.signet.directory.config.DirectorySyncConfig;
import io.signet.directory.repository.PendingNotificationRepository;
import io.signet.directory.repository.PendingNotificationRepository.Backlog;
import io.signet.directory.repository.PendingNotificationRepository.Pending;
import io.signet.support.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Watch notifications, recorded before Google gets its answer and read by a few workers, the
 * longest-waiting first: a crash loses none, and several notifications of one user are one read. A
 * tenant whose waiting users outgrow what a full sync costs (a bulk import notifies every user) is
 * read by one full sync instead, its notifications held meanwhile and answered by it; what arrives
 * after the sync started is read user by user, so a single change is not queued behind the burst.
 */
@ApplicationScoped
public class NotificationQueue {

  private static final Logger LOG = Logger.getLogger(NotificationQueue.class);

  /** How often rows recorded by other replicas (or due again after a failure) are looked for. */
  private static final Duration POLL = Duration.ofMillis(500);

  /** How often the tenants with a large backlog are looked for. */
  private static final Duration BACKLOG_CHECK = Duration.ofSeconds(1);

  private final PendingNotificationRepository pending;
  private final SyncCoordinator coordinator;
  private final UserChanges changes;
  private final SyncRuns runs;
  private final DirectoryMetrics metrics;
  private final DirectorySyncConfig.Notifications config;
  private final Semaphore idleWorkers;
  private final Semaphore recorded = new Semaphore(0);
  private final ExecutorService workers;
  private volatile boolean running;
  private Thread dispatcher;
  private Instant backlogCheckedAt = Instant.EPOCH;
  private List<String> paused = List.of();

  public NotificationQueue(
      PendingNotificationRepository pending,
      SyncCoordinator coordinator,
      UserChanges changes,
      SyncRuns runs,
      DirectoryMetrics metrics,
      DirectorySyncConfig config) {
    this.pending = pending;
    this.coordinator = coordinator;
    this.changes = changes;
    this.runs = runs;
    this.metrics = metrics;
    this.config = config.notifications();
    this.idleWorkers = new Semaphore(this.config.workers());
    this.workers = Executors.newFixedThreadPool(this.config.workers());
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    dispatcher = new Thread(this::dispatch, "notification-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    if (dispatcher != null) {
      dispatcher.interrupt();
    }
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Records a notification of a user (committed before this returns). */
  public void record(String tenantId, String userId, boolean deleted) {
    QuarkusTransaction.requiringNew().run(() -> pending.record(tenantId, userId, deleted));
    recorded.release();
  }

  private void dispatch() {
    while (running) {
      try {
        idleWorkers.acquire();
        int capacity = 1 + idleWorkers.drainPermits();
        List<Pending> claimed;
        try {
          claimed = claim(capacity);
        } catch (RuntimeException e) {
          // the database is away: the rows wait, and so does this loop for a moment
          idleWorkers.release(capacity);
          LOG.warnf("watch notifications not claimed: %s", e.getMessage());
          sleep(POLL);
          continue;
        }
        idleWorkers.release(capacity - claimed.size());
        if (claimed.isEmpty()) {
          recorded.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
          recorded.drainPermits();
          continue;
        }
        for (Pending user : claimed) {
          workers.execute(
              () -> {
                try {
                  read(user);
                } finally {
                  idleWorkers.release();
                }
              });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<Pending> claim(int capacity) {
    if (Duration.between(backlogCheckedAt, Instant.now()).compareTo(BACKLOG_CHECK) >= 0) {
      paused = backloggedTenants();
      backlogCheckedAt = Instant.now();
    }
    List<String> held = paused;
    return QuarkusTransaction.requiringNew()
        .call(() -> pending.claim(capacity, config.lease(), held));
  }

  private void read(Pending user) {
    boolean recorded;
    try {
      recorded = coordinator.readUser(user.tenantId(), user.userId(), user.deleted());
      QuarkusTransaction.requiringNew().run(() -> pending.done(user));
      metrics.notification("read");
    } catch (RuntimeException e) {
      retryLater(user, e);
      return;
    }
    if (recorded) {
      try {
        changes.publish();
      } catch (RuntimeException e) {
        LOG.warnf(
            "tenant %s: user %s recorded, not published yet: %s",
            user.tenantId(), user.userId(), e.getMessage());
      }
    }
  }

  private void retryLater(Pending user, RuntimeException e) {
    int attempts;
    try {
      attempts = QuarkusTransaction.requiringNew().call(() -> pending.retryLater(user));
    } catch (RuntimeException away) {
      return; // the lease runs out and the user is read again
    }
    if (attempts >= config.maxAttempts()) {
      QuarkusTransaction.requiringNew().run(() -> pending.done(user));
      metrics.notification("abandoned");
      LOG.warnf(
          "tenant %s: user %s not read after %d tries, left to the next full sync: %s",
          user.tenantId(), user.userId(), attempts, e.getMessage());
    } else {
      LOG.infof(
          "tenant %s: user %s not read (try %d), again later: %s",
          user.tenantId(), user.userId(), attempts, e.getMessage());
    }
  }

  /**
   * The tenants whose notifications wait for a full sync: those with more users waiting than a full
   * sync costs, which get one unless one started after their oldest notification (a sync that
   * failed or was held leaves its notifications to be read user by user).
   */
  private List<String> backloggedTenants() {
    metrics.notificationsWaiting(QuarkusTransaction.requiringNew().call(pending::waiting));
    Map<String, Backlog> backlogs =
        QuarkusTransaction.requiringNew().call(() -> pending.backlogs(config.fullSyncAbove()));
    List<String> held = new ArrayList<>();
    backlogs.forEach(
        (tenantId, backlog) -> {
          if (backlog.waiting() <= runs.knownUsers(tenantId) * config.fullSyncShare()) {
            return;
          }
          if (runs.unfinished(tenantId).isPresent()) {
            held.add(tenantId);
            return;
          }
          if (runs.startedSince(tenantId, backlog.oldest())) {
            return;
          }
          try {
            coordinator.requestFull(tenantId, "NOTIFICATIONS");
            held.add(tenantId);
            metrics.notification("full-sync");
            LOG.infof(
                "tenant %s: %d users notified at once, read by a full sync",
                tenantId, backlog.waiting());
          } catch (Problem notActive) {
            // an inactive tenant's notifications are answered without a read
          }
        });
    return held;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
