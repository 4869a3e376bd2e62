package io.signet.directory.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.signet.directory.repository.HeldDeletionRepository;
import io.signet.directory.repository.SyncRunEntity;
import io.signet.directory.repository.SyncRunEntity.State;
import io.signet.support.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Full syncs held rather than tombstoning users: an operator's confirm emits the held tombstones
 * (of users still known, a batch at a time); the held-runs gauge follows the database.
 */
@ApplicationScoped
public class HeldSyncs {

  private static final Logger LOG = Logger.getLogger(HeldSyncs.class);
  private static final int BATCH = 500;

  private final SyncRuns runs;
  private final HeldDeletionRepository held;
  private final UserChanges changes;
  private final DirectoryMetrics metrics;

  public HeldSyncs(
      SyncRuns runs, HeldDeletionRepository held, UserChanges changes, DirectoryMetrics metrics) {
    this.runs = runs;
    this.held = held;
    this.changes = changes;
    this.metrics = metrics;
  }

  /** Tombstones of confirmed runs the previous process did not finish emitting go out now. */
  void onStart(@Observes StartupEvent event) {
    for (UUID run : QuarkusTransaction.requiringNew().call(held::confirmedWithRemaining)) {
      runs.find(run).ifPresent(this::emitHeld);
    }
    refreshGauge();
  }

  @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refreshGauge() {
    metrics.heldSyncs(runs.heldCount());
  }

  /**
   * An operator confirms a held run: its tombstones are emitted.
   *
   * @throws Problem 404 for an unknown run, 409 when it is not held or a sync of the tenant is
   *     queued or running (that sync decides the tombstones itself)
   */
  public SyncRunEntity confirm(String tenantId, UUID runId) {
    SyncRunEntity run =
        runs.find(tenantId, runId)
            .orElseThrow(
                () -> Problem.notFound("no sync run " + runId + " for tenant " + tenantId));
    if (run.state != State.HELD) {
      throw Problem.conflict(
          "sync-not-held",
          "sync run " + runId + " is " + run.state + ": only a HELD run can be confirmed");
    }
    if (runs.unfinished(tenantId).isPresent()) {
      throw Problem.conflict(
          "sync-running",
          "a sync of tenant " + tenantId + " is queued or running: wait for it to finish");
    }
    if (!runs.confirm(runId, "operator")) {
      throw Problem.conflict("sync-not-held", "sync run " + runId + " is no longer HELD");
    }
    LOG.infof("held sync %s of tenant %s confirmed: emitting its tombstones", runId, tenantId);
    SyncRunEntity confirmed = runs.find(tenantId, runId).orElseThrow();
    emitHeld(confirmed);
    refreshGauge();
    return runs.find(tenantId, runId).orElseThrow();
  }

  /** Google answered for this user: no held run may tombstone it. */
  public void userExists(String tenantId, String userId) {
    QuarkusTransaction.requiringNew().run(() -> held.userExists(tenantId, userId));
  }

  private void emitHeld(SyncRunEntity run) {
    List<String> batch;
    do {
      batch = QuarkusTransaction.requiringNew().call(() -> held.batch(run.id, BATCH));
      int deleted = changes.delete(run.tenantId, batch);
      List<String> done = batch;
      QuarkusTransaction.requiringNew().run(() -> held.remove(run.id, done));
      runs.deleted(run.id, deleted);
    } while (batch.size() == BATCH);
    // held users a notification re-read (still in Google) stay: their rows go with the run's
    QuarkusTransaction.requiringNew().run(() -> held.forgetRun(run.id));
  }
}
