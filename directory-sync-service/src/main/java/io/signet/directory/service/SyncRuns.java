package io.signet.directory.service;

import io.signet.directory.repository.HeldDeletionRepository;
import io.signet.directory.repository.PendingNotificationRepository;
import io.signet.directory.repository.SyncRunEntity;
import io.signet.directory.repository.SyncRunEntity.State;
import io.signet.directory.repository.SyncRunRepository;
import io.signet.directory.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The record of each full sync: its state and progress counts, as the API shows them. */
@ApplicationScoped
public class SyncRuns {

  private final SyncRunRepository runs;
  private final TenantRepository tenants;
  private final HeldDeletionRepository held;
  private final PendingNotificationRepository notifications;

  public SyncRuns(
      SyncRunRepository runs,
      TenantRepository tenants,
      HeldDeletionRepository held,
      PendingNotificationRepository notifications) {
    this.runs = runs;
    this.tenants = tenants;
    this.held = held;
    this.notifications = notifications;
  }

  /** A new queued run, or {@code empty} when the tenant already has one queued or running. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<SyncRunEntity> queue(String tenantId, String trigger) {
    if (runs.unfinished(tenantId).isPresent()) {
      return Optional.empty();
    }
    SyncRunEntity run = new SyncRunEntity();
    run.id = UUID.randomUUID();
    run.tenantId = tenantId;
    run.trigger = trigger;
    run.state = State.QUEUED;
    run.requestedAt = Instant.now();
    runs.persist(run);
    runs.flush();
    return Optional.of(run);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<SyncRunEntity> unfinished(String tenantId) {
    return runs.unfinished(tenantId);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void start(UUID id) {
    SyncRunEntity run = runs.findById(id);
    run.state = State.RUNNING;
    run.startedAt = Instant.now();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void progress(UUID id, int users, int created, int changed) {
    SyncRunEntity run = runs.findById(id);
    run.pagesRead++;
    run.usersRead += users;
    run.emittedNew += created;
    run.emittedChanged += changed;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void deleted(UUID id, int count) {
    runs.findById(id).emittedDeleted += count;
  }

  /**
   * The run succeeded: the tenant's next scheduled sync counts from now, a run held earlier is
   * superseded (this complete read decided the tombstones instead), and the notifications received
   * before it started are answered (it read every user after them).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public SyncRunEntity succeed(UUID id) {
    SyncRunEntity run = runs.findById(id);
    run.state = State.SUCCEEDED;
    run.finishedAt = Instant.now();
    notifications.coveredBy(run.tenantId, run.startedAt);
    tenants
        .findByIdOptional(run.tenantId)
        .ifPresent(tenant -> tenant.lastFullSyncAt = run.startedAt);
    supersedeOthers(run);
    return run;
  }

  /**
   * The run is held: its would-be tombstones are recorded, not emitted. The tenant's next scheduled
   * sync still counts from now (a held read repeated at once would most likely be held again), and
   * an older held run is superseded by this newer one.
   *
   * @return the run, with the number of tombstones held
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public SyncRunEntity hold(UUID id, String reason, long knownBefore) {
    SyncRunEntity run = runs.findById(id);
    run.heldDeletions = held.holdUnseen(run.tenantId, id);
    run.state = State.HELD;
    run.heldReason = reason;
    run.knownUsers = (int) knownBefore;
    run.finishedAt = Instant.now();
    tenants
        .findByIdOptional(run.tenantId)
        .ifPresent(tenant -> tenant.lastFullSyncAt = run.startedAt);
    supersedeOthers(run);
    return run;
  }

  /** Whether a full sync of the tenant started at or after {@code since}. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean startedSince(String tenantId, Instant since) {
    return runs.startedSince(tenantId, since);
  }

  /** The tenant's users Signet knows now. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long knownUsers(String tenantId) {
    return held.knownUsers(tenantId);
  }

  /** Users known before the run that it did not see. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long unseen(String tenantId, UUID run) {
    return held.unseen(tenantId, run);
  }

  private void supersedeOthers(SyncRunEntity run) {
    held.forgetHeldRunsExcept(run.tenantId, run.id);
    runs.update(
        "state = ?1, resolvedAt = ?2, resolvedBy = ?3 where tenantId = ?4 and state = ?5 and id <> ?6",
        State.SUPERSEDED,
        Instant.now(),
        "run " + run.id,
        run.tenantId,
        State.HELD,
        run.id);
  }

  /**
   * Marks a held run confirmed, once: its tombstones are emitted next.
   *
   * @return false when the run is not (or no longer) held
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean confirm(UUID id, String by) {
    return runs.update(
            "state = ?1, resolvedAt = ?2, resolvedBy = ?3 where id = ?4 and state = ?5",
            State.CONFIRMED,
            Instant.now(),
            by,
            id,
            State.HELD)
        == 1;
  }

  /**
   * The tenant was deleted (all its users tombstoned): its held runs are moot, and must not keep
   * the held-syncs alert firing.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void resolveHeldOfDeletedTenant(String tenantId) {
    held.forgetHeldRunsExcept(tenantId, new UUID(0, 0));
    runs.update(
        "state = ?1, resolvedAt = ?2, resolvedBy = ?3 where tenantId = ?4 and state = ?5",
        State.SUPERSEDED,
        Instant.now(),
        "tenant deleted",
        tenantId,
        State.HELD);
  }

  /** Unresolved held runs, across tenants. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long heldCount() {
    return runs.count("state", State.HELD);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public SyncRunEntity fail(UUID id, String reason) {
    SyncRunEntity run = runs.findById(id);
    run.state = State.FAILED;
    run.finishedAt = Instant.now();
    run.failureReason = reason;
    return run;
  }

  /** Runs a previous process left unfinished: they failed, and will be scheduled again. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int failInterrupted() {
    return runs.update(
        "state = ?1, failureReason = ?2, finishedAt = ?3 where state in (?4, ?5)",
        State.FAILED,
        "interrupted: the service stopped during the sync",
        Instant.now(),
        State.QUEUED,
        State.RUNNING);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<SyncRunEntity> find(String tenantId, UUID id) {
    return runs.findByIdOptional(id).filter(run -> run.tenantId.equals(tenantId));
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<SyncRunEntity> find(UUID id) {
    return runs.findByIdOptional(id);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<SyncRunEntity> recent(String tenantId, int limit) {
    return runs.recent(tenantId, limit);
  }
}
