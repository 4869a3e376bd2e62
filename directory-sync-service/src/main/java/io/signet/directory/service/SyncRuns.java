package io.signet.directory.service;

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

  public SyncRuns(SyncRunRepository runs, TenantRepository tenants) {
    this.runs = runs;
    this.tenants = tenants;
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

  /** The run succeeded: the tenant's next scheduled sync counts from now. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public SyncRunEntity succeed(UUID id) {
    SyncRunEntity run = runs.findById(id);
    run.state = State.SUCCEEDED;
    run.finishedAt = Instant.now();
    tenants
        .findByIdOptional(run.tenantId)
        .ifPresent(tenant -> tenant.lastFullSyncAt = run.startedAt);
    return run;
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
  public List<SyncRunEntity> recent(String tenantId, int limit) {
    return runs.recent(tenantId, limit);
  }
}
